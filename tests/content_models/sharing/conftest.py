"""The two-site cluster with people on each site, built once per test module.

Each test runs in its own savepoint (pytest-django's ``db``), so what one test changes is gone
before the next; the cluster itself is rolled back at the end of the module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

import pytest

from django.db import transaction

from wagtail.models import Page

from sitecluster.tenancy.models import SiteGroup, SiteRole
from tests.cluster import PORTAL_HOST, TwoSiteCluster, build_two_site_cluster
from tests.sitecluster.isolation.world import information_office_group, make_user


@dataclass
class Shared:
    cluster: TwoSiteCluster
    users: dict = field(default_factory=dict)  # "fgw-editor", "hedong-admin", "office" …


def build_shared() -> Shared:
    cluster = build_two_site_cluster(articles_per_column=2)
    shared = Shared(cluster=cluster)
    for site in (cluster.portal, cluster.fgw, cluster.jyj):
        for role in (SiteRole.ADMIN, SiteRole.REVIEWER, SiteRole.EDITOR):
            group = SiteGroup.objects.get(cluster_site=site, role=role).group
            name = f"{site.code}-{role}"
            shared.users[name] = make_user(name, [group])
    shared.users["office"] = make_user("office", [information_office_group()])
    return shared


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_shared()
        try:
            yield built
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def cluster(shared, db):
    """The module's cluster with its pages read afresh (tests change them in memory)."""
    built = shared.cluster
    fresh = {
        name: Page.objects.get(pk=getattr(built, name).pk).specific
        for name in ("article", "notice", "portal_article")
    }
    return replace(built, **fresh)


def where(page) -> tuple[str, dict]:
    """``(path, {"HTTP_HOST": host})`` at which citizens reach ``page`` (its canonical place)."""
    page = Page.objects.get(pk=page.pk)  # no site-root cache from before the sites existed
    _, root_url, path = page.get_url_parts()
    return path, {"HTTP_HOST": urlparse(root_url).hostname}


def portal_path(page, cluster) -> str:
    """The path of ``page`` inside the portal (/bm/<code>/...), served at the portal host."""
    portal_root = cluster.portal.root_page.url_path
    return "/" + page.url_path[len(portal_root) :]


@pytest.fixture
def client(client, db):
    """The admin is served on the portal's hostname (unknown hosts get the cluster's 404)."""
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    return client
