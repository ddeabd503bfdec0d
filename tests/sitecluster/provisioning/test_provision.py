"""provision_site: one transaction builds a whole working site, or nothing at all."""

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    Workflow,
    WorkflowPage,
)

from content_models.columns.models import ColumnPage
from content_models.home.models import MemberSiteHomePage
from content_models.organisations.models import InstitutionFunctionsPage, Organisation
from sitecluster.provisioning import access, provision_site, site_columns
from sitecluster.provisioning.models import BlueprintColumn
from sitecluster.tenancy.models import ClusterSite, SiteGroup

from .helpers import make_department, make_portal, make_site_user, uscc

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "sites": ClusterSite.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "workflows": Workflow.objects.count(),
        "tasks": GroupApprovalTask.objects.count(),
        "organisations": Organisation.objects.count(),
        "columns": BlueprintColumn.objects.count(),
    }


def test_department_site_is_complete_and_served(client):
    make_portal()
    site = make_department(hostname="jyj.test", aliases=["old-jyj.test"], short_name="区教育局")

    home = site.root_page.specific
    assert isinstance(home, MemberSiteHomePage)
    assert home.get_parent().slug == "bm" and site.mount_path == "/bm/jyj/"
    columns = site_columns(site)
    assert {"jggk/jgzn", "zfxxgk/xxgkzn", "gzdt", "hdjl/yjzj"} <= set(columns)
    assert all(page.live for page in columns.values())
    assert isinstance(columns["jggk/jgzn"], InstitutionFunctionsPage)
    guide = columns["zfxxgk/xxgkzn"]
    assert "河东区教育局编制本指南" in str(guide.body)  # default page with initial content
    assert BlueprintColumn.objects.get(page=columns["gzdt"]).locked

    # Settings from the blueprint's templates; theme from the blueprint.
    assert site.sponsor == "河东区教育局" and site.undertaker == "河东区教育局办公室"
    assert site.theme == "default" and site.blueprint == "department"

    # Routing: own hostname, alias and portal path.
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 200
    assert client.get("/zfxxgk/xxgkzn/", HTTP_HOST="jyj.test").status_code == 200
    assert client.get("/", HTTP_HOST="old-jyj.test")["Location"] == "http://jyj.test/"
    assert client.get("/bm/jyj/gzdt/", HTTP_HOST="hedong.test").status_code == 200

    # Audited.
    entry = ModelLogEntry.objects.get(action="sitecluster.site.create", object_id=str(site.pk))
    assert entry.data["blueprint"] == "department"


def test_groups_permissions_collection_and_workflow():
    make_portal()
    site = make_department()
    roles = {sg.role: sg.group for sg in SiteGroup.objects.filter(cluster_site=site)}
    assert set(roles) == {"admin", "reviewer", "editor"}
    assert roles["admin"].name == "河东区教育局（jyj）站点管理员"

    def page_perms(role):
        return set(
            GroupPagePermission.objects.filter(group=roles[role], page=site.root_page).values_list(
                "permission__codename", flat=True
            )
        )

    assert page_perms("admin") == {
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    }  # fmt: skip
    assert page_perms("editor") == {"add_page", "change_page"}
    assert "publish_page" not in page_perms("reviewer")

    assert site.collection.get_parent() == Collection.get_first_root_node()
    assert site.collection.name == "河东区教育局"
    editor_media = set(
        GroupCollectionPermission.objects.filter(
            group=roles["editor"], collection=site.collection
        ).values_list("permission__codename", flat=True)
    )
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= editor_media
    assert "delete_image" not in editor_media

    editor = make_site_user(site, "editor")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert make_site_user(site, "admin").has_perm("auth.add_user")

    workflow = site.workflow
    assert WorkflowPage.objects.get(page=site.root_page).workflow == workflow
    task = workflow.tasks.get().specific
    assert task.name == "审核员审核（含保密审核）"
    assert list(task.groups.all()) == [roles["reviewer"]]


def test_portal_and_topic_sites():
    portal = make_portal()
    assert portal.root_page.depth == 2 and portal.kind == "portal"
    assert {"bm", "jd", "zt"} <= set(site_columns(portal))
    topic = provision_site(blueprint="topic", code="ycsj", name="优化营商环境", org_code=uscc())
    assert topic.kind == "topic" and topic.mount_path == "/zt/ycsj/"
    assert topic.root_page.get_children().count() == 5


def test_failure_midway_leaves_nothing(monkeypatch):
    make_portal()
    before = counts()

    def broken(*args, **kwargs):
        raise RuntimeError("workflow service down")

    monkeypatch.setattr(access, "create_workflow", broken)
    with pytest.raises(RuntimeError):
        make_department(hostname="jyj.test")
    assert counts() == before
    assert not ClusterSite.objects.filter(code="jyj").exists()
    assert not Page.objects.filter(slug="jyj").exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"code": "JY J"}, "code", "站点代码只能包含"),
        ({"hostname": "http://jyj.test/"}, "hostname", "不是有效的域名"),
        ({"hostname": "hedong.test"}, "hostname", "已被站点“河东区人民政府”使用"),
        ({"org_code": ""}, "org_code", "请选择主办机构"),
        ({"org_code": "123"}, "org_code", "统一社会信用代码"),
        ({"blueprint": "street", "kind": "department"}, "blueprint", "不能用于"),
        ({"blueprint": "nope"}, "blueprint", "没有名为“nope”的站点模板"),
        ({"theme": "nope"}, "theme", "主题“nope”不存在"),
    ],
)
def test_invalid_requests_write_nothing(kwargs, field, text):
    make_portal()
    before = counts()
    with pytest.raises(ValidationError) as caught:
        make_department(**kwargs)
    assert any(text in message for message in caught.value.message_dict[field])
    assert counts() == before


def test_duplicate_code_and_second_portal_are_refused():
    make_portal()
    make_department()
    with pytest.raises(ValidationError, match="已被使用"):
        make_department(name="另一个教育局")
    with pytest.raises(ValidationError, match="已有门户网站"):
        make_portal(code="other")


def test_columns_are_ordinary_pages_for_editors():
    make_portal()
    site = make_department()
    gzdt = site_columns(site)["gzdt"]
    assert isinstance(gzdt, ColumnPage) and gzdt.column_type == "dynamic"
    assert gzdt.get_latest_revision() is not None  # created the way an editor would
