"""Archive (offline, hostnames freed, content kept), restore, and delete only when empty."""

import datetime as dt
import io

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Collection, ModelLogEntry, Page, Revision, Workflow

from content_models.articles.factories import ArticlePageFactory
from sitecluster.demo.banners import portrait_png
from sitecluster.provisioning import archive_site, delete_site, restore_site, site_columns
from sitecluster.tenancy.models import ClusterSite, SiteStatus

from .helpers import make_department, make_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites():
    portal = make_portal()
    site = make_department(hostname="jyj.test", aliases=["old-jyj.test"])
    return portal, site


def test_archive_takes_the_site_offline_and_keeps_its_content(client, sites):
    _, site = sites
    article = ArticlePageFactory(parent=site_columns(site)["gzdt"], title="教育工作动态")
    scheduled = ArticlePageFactory(parent=site_columns(site)["tzgg"], live=False)
    scheduled.go_live_at = timezone.now() + dt.timedelta(hours=1)
    scheduled.save_revision().publish()  # scheduled, not live yet
    pages = Page.objects.descendant_of(site.root_page, inclusive=True).count()

    archive_site(site)

    site.refresh_from_db()
    assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()
    assert site.status == SiteStatus.ARCHIVED and site.archived_at is not None
    assert site.hostname == "" and site.archived_hostnames.split() == ["jyj.test", "old-jyj.test"]
    for host in ("jyj.test", "old-jyj.test"):
        response = client.get("/", HTTP_HOST=host)
        assert response.status_code == 404
        assert "未找到该网站" in response.content.decode()
    assert client.get("/bm/jyj/", HTTP_HOST="hedong.test").status_code == 404
    assert Page.objects.descendant_of(site.root_page, inclusive=True).count() == pages
    assert not Page.objects.descendant_of(site.root_page, inclusive=True).live().exists()
    article.refresh_from_db()
    assert article.title == "教育工作动态" and not article.live
    assert ModelLogEntry.objects.filter(action="sitecluster.site.archive").exists()


def test_restore_republishes_exactly_what_was_live(client, sites):
    _, site = sites
    column = site_columns(site)["gzdt"]
    live = ArticlePageFactory(parent=column, title="已发布的文章")
    draft = ArticlePageFactory(parent=column, title="草稿", live=False)
    archive_site(site)
    # An edit made while archived stays a draft after restoring.
    live.refresh_from_db()
    live.title = "归档期间修改"
    live.save_revision()

    restore_site(site)

    site.refresh_from_db()
    assert site.is_active and site.hostname == "jyj.test" and site.alias_list == ["old-jyj.test"]
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 200
    assert client.get("/", HTTP_HOST="old-jyj.test").status_code == 301
    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.live and live.title == "已发布的文章" and live.has_unpublished_changes
    assert not draft.live
    response = client.get(f"/gzdt/{live.slug}/", HTTP_HOST="jyj.test")
    assert response.status_code == 200 and "已发布的文章" in response.content.decode()


def test_restore_refuses_when_the_hostname_was_taken(sites):
    _, site = sites
    archive_site(site)
    make_department(code="jyj2", name="新教育局", hostname="jyj.test")
    with pytest.raises(ValidationError, match="已被站点“新教育局”使用"):
        restore_site(site)
    site.refresh_from_db()
    assert site.status == SiteStatus.ARCHIVED


def test_portal_cannot_be_archived_or_deleted(sites):
    portal, _ = sites
    with pytest.raises(ValidationError, match="门户网站不能归档"):
        archive_site(portal)
    with pytest.raises(ValidationError, match="门户网站不能删除"):
        delete_site(portal)


def test_delete_refused_for_a_site_with_content(sites):
    _, site = sites
    ArticlePageFactory(parent=site_columns(site)["gzdt"])
    with pytest.raises(ValidationError) as caught:
        delete_site(site)
    assert "不是空站点" in caught.value.messages[0]
    assert ClusterSite.objects.filter(pk=site.pk).exists()


def test_delete_refused_for_a_site_with_images(sites):
    _, site = sites
    image = Image(title="照片", collection=site.collection)
    image.file = ImageFile(io.BytesIO(portrait_png("x")), name="x.png")
    image.save()
    with pytest.raises(ValidationError, match="1 张图片"):
        delete_site(site)


def test_delete_an_empty_site_removes_everything_it_owned(client, sites):
    _, site = sites
    root_id, collection_id, workflow_id = site.root_page_id, site.collection_id, site.workflow_id
    group_ids = list(site.site_groups.values_list("group_id", flat=True))

    delete_site(site)

    assert not ClusterSite.objects.filter(pk=site.pk).exists()
    assert not Page.objects.filter(pk=root_id).exists()
    assert not Page.objects.filter(slug="jyj").exists()
    assert not Group.objects.filter(pk__in=group_ids).exists()
    assert not Collection.objects.filter(pk=collection_id).exists()
    assert not Workflow.objects.filter(pk=workflow_id).exists()
    assert client.get("/", HTTP_HOST="jyj.test").status_code == 404
    assert ModelLogEntry.objects.filter(action="sitecluster.site.delete").exists()
