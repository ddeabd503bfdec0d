"""What an import left in the database, as plain data to compare with golden files.

Database ids differ between runs and databases, so every reference is replaced by something
stable: a page by its path inside the site, an image or document by its title and file hash.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/migrations -q`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from content_models.articles.models import ArticlePage
from migrations.legacy.records import LegacyImportRecord

GOLDEN = Path(__file__).resolve().parent / "golden"
_PAGE_LINK = re.compile(r'<a linktype="page" id="(\d+)">')
_DOC_LINK = re.compile(r'<a linktype="document" id="(\d+)">')


def _site_path(page, root) -> str:
    return page.url_path[len(root.url_path) - 1 :]


def _rich(source: str, root) -> str:
    def page_ref(match):
        page = Page.objects.get(pk=match.group(1))
        return f'<a linktype="page" path="{_site_path(page, root)}">'

    def doc_ref(match):
        document = get_document_model().objects.get(pk=match.group(1))
        return f'<a linktype="document" title="{document.title}">'

    return _DOC_LINK.sub(doc_ref, _PAGE_LINK.sub(page_ref, source))


def _block(block, root) -> dict:
    value = block.value
    if block.block_type == "paragraph":
        return {"paragraph": _rich(value.source, root)}
    if block.block_type == "image":
        image = value["image"]
        return {
            "image": {"title": image.title, "size": [image.width, image.height]},
            "alt_text": value["alt_text"],
            "caption": value["caption"],
        }
    if block.block_type == "attachments":
        return {
            "attachments": [
                {"document": item["document"].title, "title": item["title"]}
                for item in value["attachments"]
            ]
        }
    if block.block_type == "table":
        return {"table": value["data"], "header": value["first_row_is_table_header"]}
    return {block.block_type: str(value)}


def site_snapshot(cluster_site) -> dict:
    root = cluster_site.root_page
    pages = []
    for page in (
        ArticlePage.objects.descendant_of(root).order_by("path").select_related("latest_revision")
    ):
        latest = page.get_latest_revision_as_object()
        pages.append(
            {
                "path": _site_path(page, root),
                "title": page.title,
                "live": page.live,
                "publish_at": page.publish_at.isoformat() if page.live else None,
                "source": page.source,
                "author": page.author,
                "body": [_block(block, root) for block in latest.body],
            }
        )
    redirects = []
    for redirect in Redirect.objects.select_related("site", "redirect_page").order_by(
        "site__hostname", "old_path"
    ):
        target = (
            _site_path(redirect.redirect_page, root)
            if redirect.redirect_page
            else redirect.redirect_link
        )
        redirects.append([redirect.site.hostname, redirect.old_path, target])
    records = LegacyImportRecord.objects.filter(cluster_site=cluster_site)
    images = get_image_model().objects.filter(collection=cluster_site.collection)
    documents = get_document_model().objects.filter(collection=cluster_site.collection)
    return {
        "pages": pages,
        "redirects": redirects,
        "records": sorted(
            [r.kind, r.legacy_url, r.undated, r.pending_links] for r in records.order_by("pk")
        ),
        "images": sorted([i.title, i.width, i.height, i.file_hash] for i in images),
        "documents": sorted([d.title, d.file_hash] for d in documents),
    }


def assert_matches_golden(name: str, data) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = json.loads(path.read_text("utf-8"))
    assert json.loads(text) == expected, f"differs from {path.name} (UPDATE_GOLDEN=1 rewrites it)"
