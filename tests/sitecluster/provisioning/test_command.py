"""``manage.py cluster``: the site lifecycle from the shell; errors exit non-zero, write nothing."""

import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from content_models.articles.factories import ArticlePageFactory
from sitecluster.provisioning import site_columns
from sitecluster.provisioning.blueprints import builtin_blueprint_text
from sitecluster.provisioning.models import SiteBlueprint
from sitecluster.tenancy.models import ClusterSite, SiteStatus

from .helpers import make_portal, uscc

pytestmark = pytest.mark.django_db


def cluster(*args):
    out = io.StringIO()
    call_command("cluster", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def portal():
    return make_portal()


def create_jyj(*extra):
    return cluster(
        "create-site", "--blueprint", "department", "--code", "jyj", "--name", "河东区教育局",
        "--org-code", uscc(), "--hostname", "jyj.test", "--alias", "old-jyj.test", *extra,
    )  # fmt: skip


def test_create_site(client):
    output = create_jyj()
    assert "已创建站点 河东区教育局" in output and "http://jyj.test/" in output
    site = ClusterSite.objects.get(code="jyj")
    assert site.alias_list == ["old-jyj.test"] and site.site_groups.count() == 3
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 200


def test_invalid_create_exits_with_a_message_and_writes_nothing():
    pages = Page.objects.count()
    with pytest.raises(CommandError) as caught:
        cluster(
            "create-site", "--blueprint", "department", "--code", "jyj", "--name", "教育局",
            "--org-code", "not-a-code",
        )  # fmt: skip
    assert "统一社会信用代码" in str(caught.value)
    with pytest.raises(CommandError, match="没有名为“nope”的站点模板"):
        cluster("create-site", "--blueprint", "nope", "--code", "x", "--name", "x")
    assert Page.objects.count() == pages and not ClusterSite.objects.filter(code="jyj").exists()


def test_archive_restore_and_delete():
    create_jyj()
    assert "已归档站点 河东区教育局" in cluster("archive-site", "--site", "jyj")
    assert ClusterSite.objects.get(code="jyj").status == SiteStatus.ARCHIVED
    cluster("restore-site", "--site", "jyj")
    site = ClusterSite.objects.get(code="jyj")
    assert site.is_active and site.hostname == "jyj.test"

    article = ArticlePageFactory(parent=site_columns(site)["gzdt"])
    with pytest.raises(CommandError, match="不是空站点"):
        cluster("delete-site", "--site", "jyj")
    article.delete()
    assert "已删除站点" in cluster("delete-site", "--site", "jyj")
    assert not ClusterSite.objects.filter(code="jyj").exists()
    with pytest.raises(CommandError, match="没有代码为 jyj 的站点"):
        cluster("archive-site", "--site", "jyj")


def test_rollout_is_a_dry_run_unless_applied():
    SiteBlueprint.objects.create(
        code="dept", title="部门网站", definition=builtin_blueprint_text("department")
    )
    cluster(
        "create-site", "--blueprint", "dept", "--code", "jyj", "--name", "河东区教育局",
        "--org-code", uscc(),
    )  # fmt: skip
    copy = SiteBlueprint.objects.get(code="dept")
    copy.definition += '\n[[columns]]\ntitle = "教育督导"\nslug = "jydd"\n'
    copy.save()

    output = cluster("rollout", "--blueprint", "dept", "--all")
    assert "新增栏目：教育督导（jydd）" in output and "预览" in output
    site = ClusterSite.objects.get(code="jyj")
    assert not site.root_page.get_children().filter(slug="jydd").exists()

    output = cluster("rollout", "--blueprint", "dept", "--site", "jyj", "--apply")
    assert "1 个站点已更新" in output
    assert site.root_page.get_children().filter(slug="jydd").exists()
    assert "已是最新" in cluster("rollout", "--blueprint", "dept", "--all")
    with pytest.raises(CommandError, match="二选一"):
        cluster("rollout", "--blueprint", "dept")


def test_sync_reconciles_routing():
    assert "已同步 1 个站点" in cluster("sync")
