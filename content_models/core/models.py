"""Shared page behaviour; every page type of the cluster derives from BasePage."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """A page of a government site: meta tags, menus and the statutory publish time."""

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("show_in_menus"),
            ],
            heading="发布设置",
        )
    ]

    class Meta:
        abstract = True

    def get_meta_column(self):
        """The column (栏目) this page belongs to, for the ColumnName/ColumnType meta tags."""
        return None

    def get_meta_description(self) -> str:
        return self.search_description or ""


class PublishTimeMixin(models.Model):
    """The publish time citizens see (发布时间), shown as YYYY-MM-DD HH:MM.

    Kept apart from Wagtail's first_published_at so imported items keep their real dates.
    """

    publish_at = models.DateTimeField("发布时间", default=timezone.now, db_index=True)

    class Meta:
        abstract = True


# Site-scoped snippets (keyed on the site's Collection); re-exported for content models.
from .collection_scope import CollectionScopedSnippet  # noqa: E402

__all__ = ["BasePage", "CollectionScopedSnippet", "PublishTimeMixin"]
