"""On every site host: robots.txt, sitemap.xml, rss.xml, rss/<site>.xml, rss/column/<id>.xml."""

from django.urls import path

from . import views
from .rss import ColumnFeed, SiteFeed

app_name = "feeds"

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-pages.xml", views.sitemap_part, name="sitemap_part"),
    path("rss.xml", SiteFeed(), name="site"),
    path("rss/<slug:code>.xml", SiteFeed(), name="site_by_code"),
    path("rss/column/<int:page_id>.xml", ColumnFeed(), name="column"),
]
