"""Locked columns, as a site admin meets them in the page admin: no delete, move or rename."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

from content_models.columns.models import ColumnPage
from sitecluster.provisioning import site_columns
from sitecluster.provisioning.pages import add_published_child

from .helpers import make_department, make_office_user, make_portal, make_site_user

pytestmark = pytest.mark.django_db

LOCKED = "站点模板规定的锁定栏目"


@pytest.fixture
def site():
    make_portal()
    return make_department()


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "hedong.test"  # the admin is served on cluster hosts
    return client


@pytest.fixture
def admin_client(client, site):
    client.force_login(make_site_user(site, "admin"))
    return client


def column_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "column_type": page.column_type,
        "per_page": page.per_page,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "search_description": "",
        "seo_title": "",
        **changes,
    }
    return nested_form_data(data)


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_site_admin_cannot_delete_a_locked_column(admin_client, site):
    column = site_columns(site)["tzgg"]
    url = reverse("wagtailadmin_pages:delete", args=[column.pk])
    for method in (admin_client.get, admin_client.post):
        response = method(url)
        assert response.status_code == 302
        assert any(LOCKED in m and "不能删除" in m for m in messages_of(response))
    assert ColumnPage.objects.filter(pk=column.pk).exists()


def test_site_admin_cannot_delete_a_column_containing_a_locked_one(admin_client, site):
    parent = site_columns(site)["zfxxgk"]
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[parent.pk]))
    assert response.status_code == 302
    assert ColumnPage.objects.filter(pk=parent.pk).exists()


def test_site_admin_may_delete_a_column_the_site_added(admin_client, site):
    own = add_published_child(site.root_page, ColumnPage(title="教育督导", slug="jydd"))
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[own.pk]))
    assert response.status_code == 302
    assert not ColumnPage.objects.filter(pk=own.pk).exists()


def test_site_admin_cannot_move_a_locked_column(admin_client, site):
    columns = site_columns(site)
    column, target = columns["zcjd"], columns["zcwj"]
    url = reverse("wagtailadmin_pages:move_confirm", args=[column.pk, target.pk])
    response = admin_client.post(url)
    assert response.status_code == 302
    assert any("不能移动" in m for m in messages_of(response))
    column.refresh_from_db()
    assert column.get_parent().pk == site.root_page_id


def test_site_admin_cannot_rename_a_locked_column_but_can_edit_it(admin_client, site):
    column = site_columns(site)["tzgg"]
    url = reverse("wagtailadmin_pages:edit", args=[column.pk])
    for change in ({"title": "公告栏"}, {"slug": "gg"}):
        response = admin_client.post(url, column_form(column, **change))
        assert response.status_code == 302 and response["Location"] == url
        assert any("不能修改名称或地址" in m for m in messages_of(response))
        column.refresh_from_db()
        assert (column.title, column.slug) == ("通知公告", "tzgg")
        assert column.get_latest_revision().as_object().title == "通知公告"

    admin_client.post(url, column_form(column, intro="本栏目发布通知公告。"))
    column.refresh_from_db()
    assert column.get_latest_revision().as_object().intro == "本栏目发布通知公告。"


def test_site_admin_cannot_bulk_delete_or_move_locked_columns(admin_client, site):
    columns = site_columns(site)
    ids = [columns["gzdt"].pk, columns["tzgg"].pk]
    query = "&".join(f"id={pk}" for pk in ids)
    target = columns["zcwj"]
    for action, form in (("delete", {}), ("move", {"chooser": target.pk})):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + query
        response = admin_client.post(url, form)
        assert response.status_code == 302, action
        assert any(LOCKED in m for m in messages_of(response))
    assert ColumnPage.objects.child_of(site.root_page).filter(pk__in=ids).count() == 2


def test_information_office_may_delete_and_rename_locked_columns(client, site):
    client.force_login(make_office_user())
    columns = site_columns(site)
    column = columns["tzgg"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[column.pk]), column_form(column, title="公告栏")
    )
    assert not any(LOCKED in m for m in messages_of(response))
    column.refresh_from_db()
    assert column.get_latest_revision().as_object().title == "公告栏"
    client.post(reverse("wagtailadmin_pages:delete", args=[columns["zcjd"].pk]))
    assert not ColumnPage.objects.filter(pk=columns["zcjd"].pk).exists()
