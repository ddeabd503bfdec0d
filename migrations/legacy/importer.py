"""One import run: every article of a legacy site into a member site's columns.

Each page is imported in its own transaction (its images, documents, page, redirects and record
together), so a bad page never leaves half-written data and an interrupted run loses at most the
page it was on. Pages already recorded for the site are never imported again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from contextlib import nullcontext
from html import escape
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from content_models.articles.models import ArticlePage
from sitecluster.provisioning import site_columns

from .assets import AssetImporter
from .cleaning import clean_body
from .encoding import decode_html
from .extract import extract_article
from .mapping import MappingError
from .records import LegacyImportRecord, RecordKind
from .redirects import ensure_redirects, redirect_sites
from .report import ImportReport
from .resolver import PageResolver

logger = logging.getLogger("sitecluster.legacy_import")


class PageSkipped(Exception):
    """A legacy page that is deliberately not imported; the message is the reason (Chinese)."""


class _DryRunRollback(Exception):
    pass


def _search_deferred():
    try:
        from search.signals import deferred
    except ImportError:  # the search app is optional for this tool
        return nullcontext()
    return deferred()


def _validated(*args, **kwargs):
    """Stands in for Page.full_clean on a page the importer has already validated."""


def import_key(cluster_site, url: str) -> str:
    return f"legacy:{cluster_site.code}:{hashlib.sha1(url.encode()).hexdigest()}"


class LegacyImporter:
    def __init__(
        self,
        cluster_site,
        source,
        mapping,
        *,
        dry_run: bool = False,
        resume: bool = False,
        limit: int | None = None,
        progress=None,
    ):
        self.cluster_site = cluster_site
        self.source = source
        self.mapping = mapping
        self.dry_run = dry_run
        self.resume = resume
        self.limit = limit
        self.progress = progress or (lambda report, url, status: None)
        self.report = ImportReport(
            site=cluster_site.code,
            source=source.describe(),
            mapping=mapping.name,
            dry_run=dry_run,
            resume=resume,
        )
        self.columns = site_columns(cluster_site)
        missing = sorted(mapping.column_targets() - set(self.columns))
        if missing:
            raise MappingError(
                f"映射文件中的栏目 {', '.join(missing)} 在站点“{cluster_site.name}”中不存在；"
                f"可用的栏目：{', '.join(sorted(self.columns))}"
            )
        self.legacy_hosts = mapping.legacy_hosts | set(getattr(source, "hosts", ()))
        self.legacy_hosts.add(urlsplit(source.base_url).hostname or "")
        self.assets = AssetImporter(cluster_site, source)
        self.redirect_targets = redirect_sites(cluster_site)
        self.records = {
            r.legacy_url: r
            for r in LegacyImportRecord.objects.filter(
                cluster_site=cluster_site, kind=RecordKind.PAGE
            ).only("legacy_url", "page_id", "content_hash")
        }
        self.imported_pages = {url: r.page_id for url, r in self.records.items()}
        self.slugs: dict[int, set[str]] = {}

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> ImportReport:
        started = time.monotonic()
        # A real run commits page by page; a dry run does the same work in one transaction
        # that is rolled back at the end (and deletes the files it wrote).
        outer = transaction.atomic() if self.dry_run else nullcontext()
        try:
            with _search_deferred(), outer:
                try:
                    self._import_all()
                    self._rewrite_pending_links()
                except KeyboardInterrupt:
                    self.report.interrupted = True
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            self.assets.ledger.discard()
        finally:
            self.report.seconds = time.monotonic() - started
        return self.report

    def _import_all(self):
        created_before = 0
        for resource in self.source.iter_pages():
            report = self.report
            report.counts["pages_seen"] += 1
            url = resource.url
            if not self.mapping.is_article_url(url):
                report.counts["not_articles"] += 1
                report.not_articles.append(url)
                self.progress(report, url, "not_article")
                continue
            report.counts["articles"] += 1
            if self.resume and url in self.records:
                report.counts["unchanged"] += 1
                self.progress(report, url, "unchanged")
                continue
            status = self._import_one(resource)
            self.progress(report, url, status)
            if status == "created":
                created_before += 1
                if self.limit and created_before >= self.limit:
                    report.interrupted = True
                    return

    def _import_one(self, resource) -> str:
        url = resource.url
        if resource.error:
            self.report.skip(url, resource.error)
            return "skipped"
        counters = (dict(self.assets.created), dict(self.assets.reused))
        try:
            with transaction.atomic():
                status = self._import_page(resource)
        except PageSkipped as exc:
            self._rolled_back(counters)
            self.report.skip(url, str(exc))
            return "skipped"
        except KeyboardInterrupt:
            self._rolled_back(counters)
            raise
        except Exception as exc:
            self._rolled_back(counters)
            logger.exception("Legacy page %s failed to import", url)
            self.report.fail(url, f"{type(exc).__name__}: {exc}")
            return "failed"
        if not self.dry_run:
            self.assets.ledger.keep()
        counts = self.report.counts
        for kind in ("image", "document"):
            counts[f"{kind}s_created"] = self.assets.created[kind]
            counts[f"{kind}s_reused"] = self.assets.reused[kind]
        return status

    def _rolled_back(self, counters):
        """The page's transaction rolled back: so did its files and the asset counts."""
        self.assets.ledger.discard()
        self.assets.created, self.assets.reused = counters

    # -- one page ------------------------------------------------------------------------
    def _import_page(self, resource) -> str:
        url, report = resource.url, self.report
        text, encoding = decode_html(resource.data, resource.content_type, self.mapping.encoding)
        report.encodings[encoding] += 1
        article = extract_article(text, url, self.mapping)
        digest = hashlib.sha256(
            "\x1f".join([article.title, article.date_text, article.body_html]).encode()
        ).hexdigest()
        record = self.records.get(url)
        if record is not None:
            same = record.content_hash == digest
            report.counts["unchanged" if same else "changed_at_source"] += 1
            page = Page.objects.filter(pk=record.page_id).first()
            self._redirect(url, page=page)
            return "unchanged" if same else "changed"
        if not article.title:
            raise PageSkipped("未找到标题（无 ArticleTitle 元标签，selectors.title 也未匹配）")
        if not article.body_html.strip():
            raise PageSkipped("未找到正文（selectors.body 未匹配）")
        column, matched_by = self.mapping.map_column(article.column, url)
        if matched_by in ("default", ""):
            report.unmapped_columns[article.column] += 1
        if not column:
            raise PageSkipped(f"旧栏目“{article.column or '（无）'}”未映射到本站栏目")
        parent = self.columns[column]
        resolver = PageResolver(self, url)
        blocks, stats = clean_body(article.body_html, resolver)
        report.counts["tracking_pixels_removed"] += stats.tracking_pixels
        report.counts["links_rewritten"] += stats.links.get("page", 0)
        attachments = self._attachments(article, resolver)
        if attachments:
            blocks.append(("attachments", {"heading": "附件", "attachments": attachments}))
        if not blocks:
            raise PageSkipped("清理后正文为空")
        page = self._create_page(parent, article, url, blocks)
        record = LegacyImportRecord.objects.create(
            cluster_site=self.cluster_site,
            legacy_url=url,
            kind=RecordKind.PAGE,
            page=page,
            content_hash=digest,
            legacy_column=article.column[:200],
            undated=article.published is None,
            pending_links=sorted(resolver.pending),
        )
        self._redirect(url, page=page)
        self.records[url] = record
        self.imported_pages[url] = page.pk
        report.counts["created"] += 1
        if article.published is None:
            report.counts["drafts_undated"] += 1
            report.undated.append((url, article.title))
        else:
            report.counts["published"] += 1
        return "created"

    def _attachments(self, article, resolver) -> list[dict]:
        items, seen = [], set(resolver.linked_documents)
        for href, title in article.attachments:
            url = resolver.absolute(href)
            if url in seen or not resolver.is_internal(url):
                continue
            seen.add(url)
            document = resolver.document(url, title)
            if document is not None:
                items.append({"document": document, "title": title[:200]})
        return items

    def _free_slug(self, parent, base: str) -> str:
        taken = self.slugs.get(parent.pk)
        if taken is None:
            taken = self.slugs[parent.pk] = set(
                Page.objects.child_of(parent).values_list("slug", flat=True)
            )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def _create_page(self, parent, article, url, blocks) -> ArticlePage:
        """The article page, published at once when dated (a draft otherwise), with one revision.

        Created live rather than through ``revision.publish()``: the same rows, a third of the
        queries. The search app indexes pages created live (its post_save receiver).
        """
        stem = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug = self._free_slug(parent, slugify(stem)[:200] or "article")
        dated = article.published is not None
        now = timezone.now()
        page = ArticlePage(
            title=article.title,
            slug=slug,
            source=article.source,
            author=article.author,
            body=[
                (kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks
            ],
            import_key=import_key(self.cluster_site, url),
            live=dated,
            has_unpublished_changes=not dated,
            first_published_at=now if dated else None,
            last_published_at=now if dated else None,
        )
        if dated:
            page.publish_at = article.published
        # Everything Page.full_clean checks is guaranteed above (title, lengths, a free slug),
        # and it costs a third of the page's creation time on a 1,000-page import.
        page.draft_title = page.title
        page.full_clean = _validated
        try:
            parent.add_child(instance=page)
        finally:
            del page.full_clean
        # What page.save_revision() does, without saving the page (and its tags and comments)
        # a second time: one revision row and one UPDATE.
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.live_revision = revision if dated else None
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            latest_revision_created_at=revision.created_at,
            live_revision=page.live_revision,
        )
        return page

    def _redirect(self, url: str, page=None):
        if page is None:
            return
        created, conflicts = ensure_redirects(self.redirect_targets, url, page=page)
        self.report.counts["redirects_created"] += created
        self.report.redirect_conflicts += conflicts

    # -- links to pages imported after the page that links to them ---------------------------
    def _rewrite_pending_links(self):
        pending = LegacyImportRecord.objects.filter(
            cluster_site=self.cluster_site, kind=RecordKind.PAGE
        ).exclude(pending_links=[])
        remaining_total = 0
        for record in pending.select_related("page"):
            known = self.imported_pages
            targets = {u: known[u] for u in record.pending_links if u in known}
            remaining = [u for u in record.pending_links if u not in targets]
            remaining_total += len(remaining)
            if not targets:
                continue
            page = record.page.specific
            body = []
            for block in page.body:
                value = block.value
                if block.block_type == "paragraph":
                    source = value.source
                    for legacy_url, page_id in targets.items():
                        old = f'<a href="{escape(legacy_url)}">'
                        self.report.counts["links_rewritten"] += source.count(old)
                        source = source.replace(old, f'<a linktype="page" id="{page_id}">')
                    value = RichText(source)
                body.append((block.block_type, value))
            with transaction.atomic():
                page.body = body
                revision = page.save_revision(log_action=False)
                if page.live:
                    revision.publish(log_action=False)
                else:
                    page.save(update_fields=["body"])
                record.pending_links = remaining
                record.save(update_fields=["pending_links"])
        self.report.counts["links_pending"] = remaining_total
