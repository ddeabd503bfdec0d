"""The search ledger: a row per live public page; the queue of rows an external engine lacks."""

from django.db import models


class SearchDocument(models.Model):
    """What the search engines hold for one page (built by :mod:`search.documents`).

    The embedded engines index these rows directly (an FTS5 table kept in step by triggers on
    SQLite, a generated ``tsvector`` column on PostgreSQL); Elasticsearch receives copies.
    A page that is not live, not public, expired or on an archived site has no row.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    site = models.ForeignKey(
        "tenancy.ClusterSite", on_delete=models.CASCADE, related_name="search_documents"
    )
    path = models.CharField(max_length=255, db_index=True)
    content_type = models.CharField("内容类型", max_length=100)
    column = models.CharField("栏目", max_length=255, blank=True)
    title = models.TextField("标题")
    body = models.TextField("正文", blank=True)
    doc_number = models.CharField("发文字号", max_length=100, blank=True)
    index_number = models.CharField("索引号", max_length=100, blank=True)
    doc_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    index_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    topic = models.CharField("主题分类", max_length=100, blank=True)
    doc_type = models.CharField("文种", max_length=100, blank=True)
    date = models.DateTimeField("日期", null=True, db_index=True)
    year = models.PositiveSmallIntegerField("年份", null=True)
    expire_at = models.DateTimeField(null=True)
    title_tokens = models.TextField(blank=True)
    number_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "搜索文档"
        verbose_name_plural = "搜索文档"
        indexes = [
            models.Index(fields=["site", "year"], name="search_doc_site_year"),
            # Covers the facet and ranking queries' lookups by page id: SQLite then never reads
            # the wide rows (body and tokens) of thousands of matches.
            models.Index(
                fields=["page", "site", "year", "content_type", "topic", "expire_at", "date"],
                name="search_doc_facets",
            ),
        ]

    def __str__(self):
        return self.title


class PendingPush(models.Model):
    """A page whose row (or its absence) an external engine has not received yet.

    Rows stay until the engine acknowledges them, so changes made while Elasticsearch is down
    are replayed by the next index task or by ``manage.py rebuild_search --replay``.
    """

    page_id = models.BigIntegerField(primary_key=True)
    queued_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "待同步搜索变更"
        verbose_name_plural = "待同步搜索变更"

    def __str__(self):
        return str(self.page_id)
