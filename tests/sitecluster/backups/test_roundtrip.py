"""Back up, change and delete content, restore: everything as it was, search index rebuilt.

Runs on whichever database is configured: SQLite (online backup API) or PostgreSQL (real
pg_dump/pg_restore into a new database that is swapped in). Transactional, because the dump is
taken by another process (pg_dump) and the restore replaces the database.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import wagtail_factories

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from content_models.articles.factories import ArticlePageFactory
from content_models.articles.models import ArticlePage
from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.disclosure.models import DisclosureDocumentPage
from search.models import SearchDocument
from sitecluster.backups.models import MaintenanceLogEntry, Operation, Outcome
from tests.cluster import PORTAL_HOST, build_two_site_cluster

from .conftest import only_archive

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def cluster_command(*args) -> str:
    out = io.StringIO()
    call_command("cluster", *args, stdout=out)
    return out.getvalue()


def search_titles(client, text) -> str:
    """The search result page's text without markup (hits are highlighted word by word)."""
    html = client.get("/search/", {"q": text}, HTTP_HOST=PORTAL_HOST).content.decode()
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_backup_change_restore_finds_everything_as_it_was(client, backup_settings):
    cluster = build_two_site_cluster(articles_per_column=2)
    gzdt = cluster.fgw_columns["gzdt"]
    kept = ArticlePageFactory(parent=gzdt, title="河东区稳岗扩就业专项行动方案解读", slug="wengang")
    image = wagtail_factories.ImageFactory(title="发改委办公楼照片")
    image_bytes = image.file.read()
    image.file.close()
    document = wagtail_factories.DocumentFactory(title="重点项目清单")
    document_path = document.file.path
    document_bytes = Path(document_path).read_bytes()
    disclosure_column = cluster.fgw_columns["zcwj"]
    policy = DisclosureDocumentPageFactory(parent=disclosure_column, title="河东区节能降碳实施意见")
    # The backup holds a stale search index: after the restore only a rebuild finds anything.
    SearchDocument.objects.all().delete()

    output = cluster_command("backup")
    archive = only_archive(backup_settings["DIR"])
    assert "备份完成" in output and archive.name in output

    # Change and delete content, media and a disclosure document.
    kept.title = "被改掉的标题"
    kept.save_revision().publish()
    cluster.article.delete()
    ArticlePageFactory(parent=gzdt, title="备份之后新增的文章", slug="after")
    image_id, document_id, policy_id = image.pk, document.pk, policy.pk
    image.delete()
    document.delete()
    policy.delete()
    assert not ArticlePage.objects.filter(title="河东区稳岗扩就业专项行动方案解读").exists()
    assert not Path(document_path).exists()

    output = cluster_command("restore", str(archive), "--yes")
    assert "已恢复" in output and "搜索索引已重建" in output

    restored = ArticlePage.objects.get(pk=kept.pk)
    assert restored.title == "河东区稳岗扩就业专项行动方案解读" and restored.live
    assert ArticlePage.objects.filter(pk=cluster.article.pk).exists()
    assert not ArticlePage.objects.filter(title="备份之后新增的文章").exists()
    assert DisclosureDocumentPage.objects.get(pk=policy_id).title == "河东区节能降碳实施意见"
    image = get_image_model().objects.get(pk=image_id)
    with image.file.open("rb") as handle:
        assert handle.read() == image_bytes
    document = get_document_model().objects.get(pk=document_id)
    assert Path(document.file.path).read_bytes() == document_bytes
    assert Page.objects.get(pk=cluster.fgw.root_page_id).title == cluster.fgw.root_page.title

    # The index was rebuilt: the citizen search finds restored pages.
    assert SearchDocument.objects.filter(page_id=kept.pk).exists()
    assert "河东区稳岗扩就业专项行动方案解读" in search_titles(client, "稳岗扩就业")
    assert "河东区节能降碳实施意见" in search_titles(client, "节能降碳")

    # The maintenance log survived the restore and records both runs.
    log = list(MaintenanceLogEntry.objects.order_by("started_at"))
    assert [(e.operation, e.outcome) for e in log] == [
        (Operation.BACKUP, Outcome.SUCCEEDED),
        (Operation.RESTORE, Outcome.SUCCEEDED),
    ]
    assert log[0].archive == archive.name and log[0].size == archive.stat().st_size
    assert log[1].archive == archive.name and log[1].duration is not None
