"""What the citizens request and where a publication must become visible, from the database."""

from __future__ import annotations

from dataclasses import dataclass

from bench.lib.http_client import Page

SEARCH_WORDS = ["经济", "发展", "通知", "疫情防控", "政策", "改革"]


@dataclass(frozen=True)
class Address:
    host: str
    path: str


def addresses(page, sites) -> list[Address]:
    """Every address a page is served at: its site's own hostname and its portal path."""
    found = []
    for site in sites:
        root = site.root_page
        if site.hostname and page.url_path.startswith(root.url_path):
            found.append(Address(site.hostname, "/" + page.url_path[len(root.url_path) :]))
    return found


def load_targets(member_code: str = "fgw", column_slug: str = "gzdt", articles: int = 6):
    """(pages for the clients, the column new articles go into, the sites)."""
    from content_models.articles.models import ArticlePage
    from sitecluster.tenancy.models import ClusterSite

    sites = list(ClusterSite.objects.active().select_related("root_page"))
    portal = next(s for s in sites if s.kind == "portal")
    member = next(s for s in sites if s.code == member_code)
    column = member.root_page.get_children().get(slug=column_slug).specific
    pages: list[Page] = []

    def add(kind: str, page, label: str) -> None:
        for address in addresses(page, sites):
            pages.append(Page(kind, f"{label} @ {address.host}", address.host, address.path))

    add("portal", portal.root_page, "portal home")
    add("home", member.root_page, f"{member.code} home")
    # Other member sites with a hostname of their own: home and first column, on every address.
    others = [s for s in sites if s.hostname and s.kind != "portal" and s.pk != member.pk]
    for other in others[:3]:
        add("home", other.root_page, f"{other.code} home")
        first = other.root_page.get_children().live().first()
        if first is not None:
            add("column", first, f"{other.code}/{first.slug}")
    for child in list(member.root_page.get_children().live())[:4]:
        add("column", child, f"{member.code}/{child.slug}")
    for child in list(portal.root_page.get_children().live())[:4]:
        if child.slug not in ("bm", "jd"):
            add("column", child, f"portal/{child.slug}")
    newest = ArticlePage.objects.live().order_by("-publish_at")[:articles]
    for article in newest:
        add("article", article, f"article {article.pk}")
    for word in SEARCH_WORDS:
        for host in (portal.hostname, member.hostname):
            if host:
                pages.append(Page("search", f"search {word} @ {host}", host, search_path(word)))
    return pages, column, sites


def search_path(word: str) -> str:
    from urllib.parse import quote

    return f"/search/?q={quote(word)}"
