"""RSS per column and site, sitemap.xml and robots.txt per host, Open Graph tags on articles.

One two-site cluster per module: fgw has a hostname of its own (fgw.test), jyj is reached at
its portal path (hedong.test/bm/jyj/). Each test runs in its own savepoint.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import wagtail_factories

from django.db import transaction
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from wagtail.models import Page, PageViewRestriction

from content_models.articles.factories import ArticlePageFactory
from sitecluster.feeds import sitemaps
from sitecluster.tenancy.models import ClusterSite, SiteStatus
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster

pytestmark = pytest.mark.django_db
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class World:
    portal: ClusterSite
    fgw: ClusterSite
    jyj: ClusterSite
    fgw_news: Page
    jyj_news: Page
    fgw_private_column: Page
    fgw_article: Page
    jyj_article: Page
    portal_article: Page


def at(month, day):
    return timezone.make_aware(dt.datetime(2025, month, day, 9, 0))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        cluster = build_two_site_cluster(articles_per_column=0)
        fgw, jyj, portal = cluster.fgw_columns, cluster.jyj_columns, cluster.portal_columns
        cover = wagtail_factories.ImageFactory(title="防汛演练现场")
        fgw_article = ArticlePageFactory(
            parent=fgw["gzdt"],
            title="区发改委部署防汛物资储备",
            summary="全区防汛物资储备工作全面展开。",
            cover_image=cover,
            publish_at=at(3, 2),
        )
        ArticlePageFactory(parent=fgw["gzdt"], title="发改委较早的动态", publish_at=at(1, 5))
        ArticlePageFactory(parent=fgw["gzdt"], title="发改委未发布稿件", live=False)
        expired = ArticlePageFactory(parent=fgw["gzdt"], title="发改委已过期公告")
        Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - dt.timedelta(days=1))
        private_column = fgw["tzgg"]
        ArticlePageFactory(parent=private_column, title="发改委内部通知")
        PageViewRestriction.objects.create(page=private_column, restriction_type="login")
        jyj_article = ArticlePageFactory(
            parent=jyj["gzdt"], title="教育局发布秋季招生政策", publish_at=at(3, 1)
        )
        portal_article = ArticlePageFactory(
            parent=portal["gzdt"], title="区政府召开常务会议", publish_at=at(2, 1)
        )
        yield World(
            portal=cluster.portal,
            fgw=cluster.fgw,
            jyj=cluster.jyj,
            fgw_news=fgw["gzdt"],
            jyj_news=jyj["gzdt"],
            fgw_private_column=private_column,
            fgw_article=fgw_article,
            jyj_article=jyj_article,
            portal_article=portal_article,
        )
        transaction.set_rollback(True)


def url_on(site: ClusterSite, page: Page) -> str:
    """The page's address on the site's canonical host (its own, else the portal path)."""
    return site.canonical_url() + page.url_path[len(site.root_page.url_path) :]


def uri_on(site: ClusterSite, page: Page) -> str:
    """The same, percent-encoded (the slugs are Chinese) as feeds and sitemaps carry it."""
    return iri_to_uri(url_on(site, page))


def path_of(url: str) -> str:
    return urlsplit(url).path


def rss_items(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]


def sitemap_locations(response) -> list[str]:
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]


# -- RSS ------------------------------------------------------------------------------------------


def test_column_feed_on_the_departments_own_host(world, client):
    response = client.get(f"/rss/column/{world.fgw_news.pk}.xml", HTTP_HOST=FGW_HOST)
    items = rss_items(response)
    assert [item["title"] for item in items] == ["区发改委部署防汛物资储备", "发改委较早的动态"]
    first = items[0]
    own_host = world.fgw.canonical_url()  # http://fgw.test/
    assert first["link"].startswith(own_host) and first["link"].endswith("/")
    assert first["link"] == uri_on(world.fgw, world.fgw_article)
    assert first["description"] == "全区防汛物资储备工作全面展开。"
    assert "2025" in first["pubDate"]
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.find("link").text.startswith(own_host)


def test_column_feed_of_a_path_only_department_links_to_the_portal_path(world, client):
    response = client.get(f"/rss/column/{world.jyj_news.pk}.xml", HTTP_HOST=PORTAL_HOST)
    items = rss_items(response)
    assert [item["title"] for item in items] == ["教育局发布秋季招生政策"]
    assert items[0]["link"].startswith(world.jyj.canonical_url())  # http://hedong.test/bm/jyj/
    assert "/bm/jyj/" in items[0]["link"]


def test_site_feeds_hold_only_their_own_items(world, client):
    fgw_items = rss_items(client.get("/rss.xml", HTTP_HOST=FGW_HOST))
    assert [item["title"] for item in fgw_items] == ["区发改委部署防汛物资储备", "发改委较早的动态"]
    portal_items = rss_items(client.get("/rss.xml", HTTP_HOST=PORTAL_HOST))
    assert [item["title"] for item in portal_items] == ["区政府召开常务会议"]
    jyj_items = rss_items(client.get("/rss/jyj.xml", HTTP_HOST=PORTAL_HOST))
    assert [item["title"] for item in jyj_items] == ["教育局发布秋季招生政策"]
    assert jyj_items[0]["link"].startswith(world.jyj.canonical_url())


def test_private_columns_and_archived_sites_have_no_feed_nor_sitemap_entries(world, client):
    response = client.get(f"/rss/column/{world.fgw_private_column.pk}.xml", HTTP_HOST=FGW_HOST)
    assert response.status_code == 404
    assert client.get("/rss/nosuchsite.xml", HTTP_HOST=PORTAL_HOST).status_code == 404
    world.jyj.status = SiteStatus.ARCHIVED
    world.jyj.save()
    assert client.get("/rss/jyj.xml", HTTP_HOST=PORTAL_HOST).status_code == 404
    response = client.get(f"/rss/column/{world.jyj_news.pk}.xml", HTTP_HOST=PORTAL_HOST)
    assert response.status_code == 404
    locations = sitemap_locations(client.get("/sitemap.xml", HTTP_HOST=PORTAL_HOST))
    assert uri_on(world.portal, world.portal_article) in locations
    assert not any("/bm/jyj/" in location for location in locations)


def test_column_pages_link_their_feed(world, client):
    html = client.get(path_of(url_on(world.fgw, world.fgw_news)), HTTP_HOST=FGW_HOST)
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="工作动态 - {world.fgw.name}" '
        f'href="/rss/column/{world.fgw_news.pk}.xml">' in html.content.decode()
    )


# -- sitemap.xml and robots.txt ----------------------------------------------------------------


def test_sitemap_of_the_portal_host_lists_path_only_departments_but_not_own_hosts(world, client):
    locations = sitemap_locations(client.get("/sitemap.xml", HTTP_HOST=PORTAL_HOST))
    portal_root = world.portal.canonical_url()
    assert all(location.startswith(portal_root) for location in locations)
    assert uri_on(world.portal, world.portal_article) in locations
    assert uri_on(world.jyj, world.jyj_article) in locations  # /bm/jyj/… on the portal host
    assert not any("/bm/fgw/" in location for location in locations)  # canonical on fgw.test


def test_sitemap_of_a_department_host_lists_only_live_public_pages(world, client):
    locations = sitemap_locations(client.get("/sitemap.xml", HTTP_HOST=FGW_HOST))
    assert locations[0] == world.fgw.canonical_url()
    assert uri_on(world.fgw, world.fgw_article) in locations
    assert all(location.startswith(world.fgw.canonical_url()) for location in locations)
    for hidden in ("发改委未发布稿件", "发改委已过期公告", "发改委内部通知"):
        assert uri_on(world.fgw, Page.objects.get(title=hidden)) not in locations, hidden
    assert uri_on(world.fgw, world.fgw_private_column) not in locations


def test_a_large_sitemap_becomes_an_index(world, client, monkeypatch):
    monkeypatch.setattr(sitemaps.ClusterSitemap, "limit", 5)
    response = client.get("/sitemap.xml", HTTP_HOST=FGW_HOST)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP_NS}sitemapindex"
    parts = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert parts[0] == "http://fgw.test/sitemap-pages.xml?p=1"
    assert len(parts) >= 2
    all_locations = []
    for number in range(1, len(parts) + 1):
        part = client.get("/sitemap-pages.xml", {"p": number}, HTTP_HOST=FGW_HOST)
        found = sitemap_locations(part)
        assert len(found) <= 5
        all_locations += found
    assert uri_on(world.fgw, world.fgw_article) in all_locations


def test_robots_txt_points_to_the_hosts_own_sitemap(world, client):
    for host in (PORTAL_HOST, FGW_HOST):
        response = client.get("/robots.txt", HTTP_HOST=host)
        assert response.status_code == 200
        text = response.content.decode()
        assert f"Sitemap: http://{host}/sitemap.xml" in text
        assert "Disallow: /admin/" in text and "Disallow: /search/" in text


# -- Open Graph --------------------------------------------------------------------------------


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert found, key
    return found.group(1)


def test_articles_carry_open_graph_and_twitter_cards_with_absolute_urls(world, client):
    url = uri_on(world.fgw, world.fgw_article)
    html = client.get(path_of(url), HTTP_HOST=FGW_HOST).content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "区发改委部署防汛物资储备"
    assert meta(html, "og:description") == "全区防汛物资储备工作全面展开。"
    assert meta(html, "og:url") == url
    assert meta(html, "og:site_name") == world.fgw.name
    image = meta(html, "og:image")
    assert image.startswith("http://fgw.test/") and ".fill-1200x630" in image
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == image


def test_an_article_read_at_the_portal_path_has_portal_urls(world, client):
    url = uri_on(world.jyj, world.jyj_article)
    assert "/bm/jyj/" in url
    html = client.get(path_of(url), HTTP_HOST=PORTAL_HOST).content.decode()
    assert meta(html, "og:url") == url
    assert meta(html, "og:site_name") == world.jyj.name
    assert meta(html, "twitter:card") == "summary"  # no cover image
