"""FriendlyLink (友情链接): a site's own snippet, scoped by the site's Collection."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from content_models.core.models import CollectionScopedSnippet


class FriendlyLink(index.Indexed, CollectionScopedSnippet):
    title = models.CharField("名称", max_length=60, help_text="如：山东省人民政府")
    url = models.URLField("链接地址", max_length=300)
    sort_order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面。")

    panels = [
        FieldPanel("collection"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("sort_order"),
    ]
    search_fields = CollectionScopedSnippet.search_fields + [
        index.SearchField("title"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = "友情链接"
        verbose_name_plural = "友情链接"
        ordering = ["collection", "sort_order", "pk"]
        indexes = [models.Index(fields=["collection", "sort_order"])]

    def __str__(self):
        return self.title
