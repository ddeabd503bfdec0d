"""RSS 2.0 feeds: per column and per site, the latest live public items.

Links are absolute and built for the host being browsed, like every page link: a department
with a hostname of its own links there; a department read at its portal path (and the portal)
links to portal paths. Items are what the column pages list (articles and 引用 pages, newest
first); a site's feed holds its own items, not those of the member sites inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed

from wagtail.models import Page

from content_models.columns.models import listed_pages
from sitecluster.tenancy.models import ClusterSite

from .selection import nested_roots, not_expired, outside, page_in_active_site, site_for_request

FEED_ITEMS = 20


@dataclass
class Entry:
    title: str
    link: str
    description: str
    pubdate: dt.datetime | None


@dataclass
class Channel:
    title: str
    link: str
    description: str
    feed_url: str
    entries: list[Entry] = field(default_factory=list)


def summary_of(page) -> str:
    """An article's 摘要 (a 引用 page: its source's), else the page's search description."""
    source = getattr(page, "source", None)
    for candidate in (page, source if isinstance(source, Page) else None):
        text = getattr(candidate, "summary", "") if candidate is not None else ""
        if text:
            return text
    return page.search_description or ""


def entries(listed, request) -> list[Entry]:
    listed = list(listed.filter(not_expired())[:FEED_ITEMS])
    ids = [page.pk for page in listed]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    found = []
    for page in listed:
        full = specific.get(page.pk, page)
        found.append(
            Entry(
                title=getattr(page, "listed_title", None) or page.title,
                link=page.get_full_url(request) or "",
                description=summary_of(full),
                pubdate=getattr(page, "publish_at", None) or page.first_published_at,
            )
        )
    return found


class ChannelFeed(Feed):
    """A feed whose get_object() builds everything (the Feed instance is shared by requests)."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.link

    def description(self, obj):
        return obj.description

    def feed_url(self, obj):
        return obj.feed_url

    def items(self, obj):
        return obj.entries

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.pubdate


def reachable(page: Page, site: ClusterSite) -> bool:
    """Live and public with every ancestor up to the site's home live (else not served)."""
    if not page.live or page.get_view_restrictions().exists():
        return False
    if page.expire_at and not Page.objects.filter(pk=page.pk).filter(not_expired()).exists():
        return False
    return not (
        Page.objects.ancestor_of(page).filter(depth__gte=site.root_page.depth, live=False).exists()
    )


class ColumnFeed(ChannelFeed):
    def get_object(self, request, page_id):
        page = Page.objects.filter(pk=page_id).first()
        page = page.specific if page is not None else None
        site = page_in_active_site(page) if page is not None else None
        if site is None or not hasattr(page, "listed_items") or not reachable(page, site):
            raise Http404("No such column feed")
        return Channel(
            title=f"{page.title} - {site.name}",
            link=page.get_full_url(request) or "",
            description=getattr(page, "intro", "") or f"{site.name}“{page.title}”栏目的最新信息",
            feed_url=request.build_absolute_uri(),
            entries=entries(page.listed_items(), request),
        )


class SiteFeed(ChannelFeed):
    def get_object(self, request, code=None):
        if code is None:
            site = site_for_request(request)
        else:
            site = ClusterSite.objects.active().filter(code=code).first()
        if site is None:
            raise Http404("No such site feed")
        root = site.root_page
        listed = listed_pages(
            Q(path__startswith=root.path) & outside(nested_roots(site, all_members=True))
        )
        return Channel(
            title=site.name,
            link=root.get_full_url(request) or "",
            description=f"{site.name}的最新信息",
            feed_url=request.build_absolute_uri(),
            entries=entries(listed, request),
        )
