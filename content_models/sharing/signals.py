"""Keep each 引用's stored title equal to its source's (the admin tree and breadcrumbs show it).

Citizens never see the stored title: pages and lists read the source's at rendering time.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail.signals import page_published

from content_models.articles.models import ArticlePage

from .models import ReferencePage


def follow_source_title(sender, instance, **kwargs):
    ids = ReferencePage.objects.filter(source_id=instance.pk).exclude(title=instance.title)
    ids = list(ids.values_list("pk", flat=True))
    if ids:
        Page.objects.filter(pk__in=ids).update(title=instance.title, draft_title=instance.title)


def connect() -> None:
    page_published.connect(follow_source_title, sender=ArticlePage, dispatch_uid="sharing-title")
