"""The information office's admin: one form creates a site; archive/delete; blueprints; rollout."""

import pytest

from django.urls import reverse

from sitecluster.provisioning.models import SiteBlueprint
from sitecluster.tenancy.models import ClusterSite, SiteStatus

from .helpers import make_department, make_office_user, make_portal, make_site_user, uscc

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_tenancy_clustersite:add"


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "hedong.test"
    return client


@pytest.fixture
def portal():
    return make_portal()


@pytest.fixture
def office(client, portal):
    client.force_login(make_office_user())
    return client


def form(**changes):
    return {
        "blueprint": "department",
        "name": "河东区教育局",
        "short_name": "区教育局",
        "code": "jyj",
        "org_code": uscc(),
        "org_name": "",
        "hostname": "jyj.test",
        "aliases": "old-jyj.test\nedu.hedong.test",
        "theme": "",
        **changes,
    }


def test_the_add_form_provisions_a_whole_site(office, client):
    response = office.get(reverse(ADD))
    assert response.status_code == 200
    content = response.content.decode()
    assert "创建站点" in content and "区直部门网站" in content and "专题网站" in content

    response = office.post(reverse(ADD), form())
    site = ClusterSite.objects.get(code="jyj")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_tenancy_clustersite:edit", args=[site.pk]
    )
    assert site.alias_list == ["old-jyj.test", "edu.hedong.test"]
    assert site.site_groups.count() == 3 and site.workflow_id and site.collection_id
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 200


def test_the_add_form_shows_chinese_errors_and_writes_nothing(office):
    response = office.post(reverse(ADD), form(org_code=""))
    assert response.status_code == 200
    assert "请选择主办机构" in response.content.decode()
    response = office.post(reverse(ADD), form(hostname="hedong.test"))
    assert "已被站点“河东区人民政府”使用" in response.content.decode()
    assert not ClusterSite.objects.filter(code="jyj").exists()


def test_site_roles_cannot_provision_archive_or_manage_blueprints(client, portal):
    site = make_department()
    client.force_login(make_site_user(site, "admin"))
    for url in (
        reverse(ADD),
        reverse("wagtailsnippets_tenancy_clustersite:archive", args=[site.pk]),
        reverse("wagtailsnippets_tenancy_clustersite:delete", args=[site.pk]),
        reverse("provisioning_blueprints"),
        reverse("provisioning_blueprint_rollout", args=["department"]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(reverse("provisioning_blueprint_copy", args=["department"])).status_code in (
        302,
        403,
    )
    assert not SiteBlueprint.objects.exists()
    assert "站点模板" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_archive_and_restore_through_confirmation_pages(office, client):
    site = make_department(hostname="jyj.test")
    url = reverse("wagtailsnippets_tenancy_clustersite:archive", args=[site.pk])
    page = office.get(url).content.decode()
    assert "确定归档" in page and "jyj.test" in page
    office.post(url)
    site.refresh_from_db()
    assert site.status == SiteStatus.ARCHIVED
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 404

    office.post(reverse("wagtailsnippets_tenancy_clustersite:restore", args=[site.pk]))
    site.refresh_from_db()
    assert site.is_active and client.get("/", HTTP_HOST="jyj.test").status_code == 200


def test_delete_page_refuses_a_site_with_content(office):
    from content_models.articles.factories import ArticlePageFactory
    from sitecluster.provisioning import site_columns

    site = make_department()
    ArticlePageFactory(parent=site_columns(site)["gzdt"])
    url = reverse("wagtailsnippets_tenancy_clustersite:delete", args=[site.pk])
    page = office.get(url).content.decode()
    assert "不是空站点" in page and "确定删除" not in page
    office.post(url)
    assert ClusterSite.objects.filter(pk=site.pk).exists()

    empty = make_department(code="kjj", name="河东区科学技术局")
    url = reverse("wagtailsnippets_tenancy_clustersite:delete", args=[empty.pk])
    assert "确定删除" in office.get(url).content.decode()
    office.post(url)
    assert not ClusterSite.objects.filter(pk=empty.pk).exists()


def test_blueprints_copy_edit_and_roll_out(office):
    site = make_department()
    index = office.get(reverse("provisioning_blueprints")).content.decode()
    for title in ("区政府门户网站", "区直部门网站", "街道办事处网站", "专题网站"):
        assert title in index
    shown = office.get(reverse("provisioning_blueprint_show", args=["department"])).content
    assert "政府信息公开指南" in shown.decode()

    response = office.post(reverse("provisioning_blueprint_copy", args=["department"]))
    copy = SiteBlueprint.objects.get(code="department-copy")
    edit_url = reverse("provisioning_blueprint_copies:edit", args=[copy.pk])
    assert response["Location"] == edit_url and copy.based_on == "department"

    # A broken definition is refused in Chinese.
    bad = office.post(
        edit_url, {"title": copy.title, "code": copy.code, "definition": "[[columns]]\ntitle = 1"}
    )
    assert "栏目缺少“slug”" in bad.content.decode()
    copy.refresh_from_db()
    assert copy.version == 1

    text = copy.definition + '\n[[columns]]\ntitle = "教育督导"\nslug = "jydd"\nlocked = true\n'
    office.post(edit_url, {"title": copy.title, "code": copy.code, "definition": text})
    copy.refresh_from_db()
    assert copy.version == 2

    rollout_url = reverse("provisioning_blueprint_rollout", args=["department-copy"])
    diff = office.get(rollout_url).content.decode()
    assert site.name in diff and "新增栏目：教育督导（jydd）" in diff
    assert "改用站点模板 department-copy" in diff
    response = office.post(rollout_url, {"sites": [site.pk]})
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.blueprint, site.blueprint_version) == ("department-copy", 2)
    assert site.root_page.get_children().filter(slug="jydd", live=True).exists()


def test_site_list_offers_archive_and_edit_keeps_identity_read_only(office):
    site = make_department()
    listing = office.get(reverse("wagtailsnippets_tenancy_clustersite:list")).content.decode()
    assert reverse("wagtailsnippets_tenancy_clustersite:archive", args=[site.pk]) in listing
    edit_url = reverse("wagtailsnippets_tenancy_clustersite:edit", args=[site.pk])
    response = office.get(edit_url)
    assert response.status_code == 200
    assert 'name="code"' not in response.content.decode()  # shown, not editable
    assert 'name="sponsor"' in response.content.decode()


def test_a_copy_in_use_keeps_its_code_and_cannot_be_deleted(office):
    office.post(reverse("provisioning_blueprint_copy", args=["department"]))
    copy = SiteBlueprint.objects.get()
    make_department(blueprint=copy.code)
    edit_url = reverse("provisioning_blueprint_copies:edit", args=[copy.pk])
    response = office.post(
        edit_url, {"title": copy.title, "code": "renamed", "definition": copy.definition}
    )
    assert "不能修改代码" in response.content.decode()
    office.post(reverse("provisioning_blueprint_copies:delete", args=[copy.pk]))
    assert SiteBlueprint.objects.filter(code=copy.code).exists()
