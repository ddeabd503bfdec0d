"""Only live, public pages of active sites are ever found — on every engine."""

import datetime as dt

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

from sitecluster.tenancy.models import SiteStatus

from .conftest import article, run_search, titles

pytestmark = pytest.mark.django_db


def test_a_published_page_is_found_by_a_word_inside_a_sentence(cluster, engine_name):
    article(
        cluster.fgw_columns["gzdt"], "区发改委召开优化营商环境推进会", "会议部署了今年的重点任务。"
    )
    assert titles(run_search("营商环境")) == ["区发改委召开优化营商环境推进会"]
    assert titles(run_search("推进会")) == ["区发改委召开优化营商环境推进会"]


def test_unpublished_pages_disappear_and_return_when_republished(cluster, engine_name):
    page = article(cluster.fgw_columns["gzdt"], "秋季森林防火工作通知", "严禁野外用火。")
    assert titles(run_search("森林防火")) == ["秋季森林防火工作通知"]
    page.unpublish()
    assert run_search("森林防火").count == 0
    page.save_revision().publish()
    assert titles(run_search("森林防火")) == ["秋季森林防火工作通知"]


def test_drafts_never_appear(cluster, engine_name):
    page = article(cluster.fgw_columns["gzdt"], "已发布的标题", "公开内容。")
    page.title = "草稿里的冬季供暖标题"
    page.save_revision()  # a draft: the live page keeps its old title
    assert run_search("冬季供暖").count == 0
    assert titles(run_search("已发布")) == ["已发布的标题"]


@pytest.mark.parametrize("restriction", ["password", "groups", "login"])
def test_private_and_restricted_pages_never_appear(cluster, engine_name, restriction):
    column = cluster.fgw_columns["tzgg"]
    article(column, "内部资料：干部考核细则", "仅限内部人员查阅。")
    assert run_search("干部考核").count == 1
    kwargs = {"restriction_type": restriction}
    if restriction == "password":
        kwargs["password"] = "secret"
    made = PageViewRestriction.objects.create(page=column, **kwargs)
    if restriction == "groups":
        made.groups.add(Group.objects.create(name="内部人员"))
    assert run_search("干部考核").count == 0
    made.delete()
    assert run_search("干部考核").count == 1


def test_expired_pages_never_appear(cluster, engine_name):
    past = timezone.now() - dt.timedelta(days=1)
    page = article(cluster.fgw_columns["gzdt"], "过期的招聘公告", "报名已截止。")
    page.expire_at = past
    page.save_revision().publish()
    assert run_search("招聘公告").count == 0


def test_pages_under_an_unpublished_section_never_appear(cluster, engine_name):
    column = cluster.fgw_columns["gzdt"]
    article(column, "汛期安全提示", "注意防范强降雨。")
    column.unpublish()
    assert run_search("汛期").count == 0
    column.save_revision().publish()
    assert titles(run_search("汛期")) == ["汛期安全提示"]


def test_archived_sites_disappear_from_search(cluster, engine_name):
    article(cluster.jyj_columns["gzdt"], "教育局发布秋季招生政策", "义务教育阶段招生。")
    assert run_search("秋季招生").count == 1
    cluster.jyj.status = SiteStatus.ARCHIVED
    cluster.jyj.save()
    assert run_search("秋季招生").count == 0
    cluster.jyj.status = SiteStatus.ACTIVE
    cluster.jyj.save()
    assert run_search("秋季招生").count == 1


def test_deleted_and_moved_pages(cluster, engine_name):
    page = article(cluster.fgw_columns["gzdt"], "粮食收购价格公示", "小麦最低收购价。")
    hit = run_search("粮食收购").hits[0]
    assert hit.site_code == "fgw"
    page.move(cluster.jyj_columns["gzdt"], pos="last-child")
    hit = run_search("粮食收购").hits[0]
    assert hit.site_code == "jyj"
    page.delete()
    assert run_search("粮食收购").count == 0
