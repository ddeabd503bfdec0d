"""Articles: news, notices and policy items published in a column."""

from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content_models.core.blocks import BodyStreamBlock
from content_models.core.models import BasePage, PublishTimeMixin


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "文章标签"
        verbose_name_plural = "文章标签"


class ArticlePage(PublishTimeMixin, BasePage):
    source = models.CharField("来源", max_length=100, blank=True)
    author = models.CharField("作者", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="正文")
    tags = ClusterTaggableManager("标签", through=ArticleTag, blank=True)
    import_key = models.CharField(
        "导入标识",
        max_length=120,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="导入来源中的唯一标识，用于重复导入时识别同一条内容。",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source"), FieldPanel("author")]),
                FieldPanel("publish_at"),
                FieldPanel("summary"),
                FieldPanel("cover_image"),
                FieldPanel("tags"),
            ],
            heading="文章信息",
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("publish_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def get_meta_column(self):
        if not hasattr(self, "_meta_column"):
            self._meta_column = self.get_parent().specific
        return self._meta_column

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        return context

    def get_meta_description(self) -> str:
        return self.search_description or self.summary or ""
