"""Rolling a changed blueprint out: a per-site diff, applied without touching a site's own work."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import GroupPagePermission, ModelLogEntry

from content_models.columns.models import ColumnPage
from sitecluster.provisioning import apply_rollout, plan_rollout, site_columns
from sitecluster.provisioning.blueprints import builtin_blueprint_text
from sitecluster.provisioning.models import BlueprintColumn, SiteBlueprint
from sitecluster.provisioning.pages import add_published_child

from .helpers import make_department, make_portal

pytestmark = pytest.mark.django_db

# 意见征集 is optional (unlocked) in the copy used here.
DEPARTMENT = builtin_blueprint_text("department").replace(
    'slug = "yjzj"\n  column_type = "interaction"\n  locked = true',
    'slug = "yjzj"\n  column_type = "interaction"\n  locked = false',
)
EDITORS_MAY_LOCK = """
[groups.editor]
name = "{name}（{code}）编辑"
page_permissions = ["add", "change", "lock"]
permissions = ["wagtailadmin.access_admin"]
"""
NEW_COLUMN = """
[[columns]]
title = "重点领域信息公开"
slug = "zdly"
column_type = "disclosure"
locked = true
"""


@pytest.fixture
def copy_and_site():
    make_portal()
    copy = SiteBlueprint.objects.create(
        code="department-2026",
        title="区直部门网站（2026）",
        based_on="department",
        definition=DEPARTMENT,
    )
    site = make_department(blueprint="department-2026")
    return copy, site


def edit(copy, text):
    copy.definition = text
    copy.full_clean()
    copy.save()
    return copy


def test_an_up_to_date_site_has_nothing_to_do(copy_and_site):
    copy, site = copy_and_site
    plan = plan_rollout(site, "department-2026")
    assert not plan.has_changes and plan.lines() == []


def test_diff_and_apply_keep_what_the_site_did_itself(copy_and_site):
    copy, site = copy_and_site
    columns = site_columns(site)
    # The site adds its own column, removes an unlocked one, and empties a setting.
    own = add_published_child(site.root_page, ColumnPage(title="教育督导", slug="jydd"))
    assert not BlueprintColumn.objects.get(cluster_site=site, path="hdjl/yjzj").locked
    columns["hdjl/yjzj"].delete()
    site.sponsor, site.undertaker = "", "区教育局办公室（自填）"
    site.save()
    # The information office deletes a locked column and a site admin's rename slipped through.
    columns["zcjd"].delete()
    renamed = columns["tzgg"]
    renamed.title = "公告"
    renamed.save()
    # The blueprint changes: a new locked column, and a new page permission for editors.
    text = DEPARTMENT + NEW_COLUMN + EDITORS_MAY_LOCK
    edit(copy, text)
    assert copy.version == 2

    plan = plan_rollout(site, "department-2026")
    lines = plan.lines()
    assert "模板版本 1 → 2" in lines
    assert "新增栏目：重点领域信息公开（zdly）" in lines
    assert "恢复锁定栏目：政策解读（zcjd）：已被删除，重新创建" in lines
    assert "恢复锁定栏目：通知公告（tzgg）：名称“公告”改回“通知公告”" in lines
    assert "填写站点设置：主办单位 = 河东区教育局" in lines
    assert "授予编辑页面权限：lock" in lines
    assert not any("yjzj" in line or "jydd" in line or "承办单位" in line for line in lines)

    apply_rollout(plan)

    site.refresh_from_db()
    after = site_columns(site)
    assert after["zdly"].live and after["zcjd"].live and after["tzgg"].title == "通知公告"
    assert "hdjl/yjzj" not in after  # an unlocked column the site removed stays removed
    own.refresh_from_db()
    assert own.title == "教育督导" and own.get_parent().pk == site.root_page_id
    assert site.sponsor == "河东区教育局" and site.undertaker == "区教育局办公室（自填）"
    assert site.blueprint_version == 2
    editor = site.site_groups.get(role="editor").group
    assert GroupPagePermission.objects.filter(
        group=editor, page=site.root_page, permission__codename="lock_page"
    ).exists()
    assert ModelLogEntry.objects.filter(action="sitecluster.site.rollout").exists()
    assert not plan_rollout(site, "department-2026").has_changes


def test_a_moved_locked_column_is_moved_back(copy_and_site):
    copy, site = copy_and_site
    columns = site_columns(site)
    columns["zcjd"].move(columns["zcwj"], pos="last-child")
    plan = plan_rollout(site, "department-2026")
    assert "恢复锁定栏目：政策解读（zcjd）：移回原位置" in plan.lines()
    apply_rollout(plan)
    moved = site_columns(site)["zcjd"]
    assert moved.get_parent().pk == site.root_page_id


def test_a_site_column_with_the_blueprint_slug_is_left_alone(copy_and_site):
    copy, site = copy_and_site
    own = add_published_child(site.root_page, ColumnPage(title="本站重点领域", slug="zdly"))
    edit(copy, DEPARTMENT + NEW_COLUMN)
    plan = plan_rollout(site, "department-2026")
    assert not plan.columns_to_add
    assert any(line.startswith("跳过：重点领域信息公开") for line in plan.lines())
    apply_rollout(plan)
    own.refresh_from_db()
    assert own.title == "本站重点领域"
    assert not BlueprintColumn.objects.filter(cluster_site=site, path="zdly").exists()


def test_portal_rollout_adds_the_topic_directory():
    portal = make_portal()
    site_columns(portal)["zt"].delete()
    BlueprintColumn.objects.filter(cluster_site=portal, path="zt").delete()
    plan = plan_rollout(portal, "portal")
    assert plan.lines() == ["新增栏目：专题（zt）"]
    apply_rollout(plan)
    assert site_columns(portal)["zt"].live


def test_a_blueprint_for_another_kind_is_refused(copy_and_site):
    _, site = copy_and_site
    with pytest.raises(ValidationError, match="用于其他类型的站点"):
        plan_rollout(site, "street")
