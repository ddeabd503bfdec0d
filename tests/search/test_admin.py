"""The admin finds Chinese words; only the information office sees the search report."""

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import Page

from search.models import ClickLog, QueryLog
from tests.cluster import PORTAL_HOST

from .conftest import article

pytestmark = pytest.mark.django_db


def test_wagtail_search_finds_a_word_inside_a_chinese_sentence(cluster):
    article(cluster.fgw_columns["gzdt"], "区政府召开优化营商环境工作推进会议", "部署重点任务。")
    found = [page.title for page in Page.objects.search("营商环境")]
    assert found == ["区政府召开优化营商环境工作推进会议"]
    found = [page.title for page in Page.objects.autocomplete("推进会议")]
    assert "区政府召开优化营商环境工作推进会议" in found


def test_admin_page_search_view_finds_chinese(cluster, admin_client):
    article(cluster.fgw_columns["gzdt"], "关于开展安全生产月活动的通知", "活动安排。")
    response = admin_client.get(
        reverse("wagtailadmin_pages:search"), {"q": "安全生产"}, HTTP_HOST=PORTAL_HOST
    )
    assert "关于开展安全生产月活动的通知" in response.content.decode()


def test_report_shows_top_zero_result_queries_and_click_through(cluster, client, django_user_model):
    for text, count in (("营商环境", 5), ("营商环境", 3), ("饕餮", 0)):
        QueryLog.objects.create(query=text, site=cluster.fgw, result_count=count)
    ClickLog.objects.create(query="营商环境", site=cluster.fgw, page_id=1, position=1)
    url = reverse("search_report")

    office = django_user_model.objects.create_user("office", password="x")
    office.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_cluster"),
    )
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))

    client.force_login(editor)
    denied = client.get(url, HTTP_HOST=PORTAL_HOST)
    assert denied.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    assert "热门检索词" not in denied.content.decode()

    client.force_login(office)
    html = client.get(url, {"site": "fgw"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "<td>营商环境</td><td>2</td><td>4</td><td>1</td><td>50%</td>" in html
    assert "<td>饕餮</td><td>1</td>" in html
    assert "河东区发展和改革委员会" in html
