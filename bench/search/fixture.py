"""A fresh database for a search benchmark, and a cluster of N sites to put items in.

Runs with the test settings (tasks run at once, local-memory cache) on a temporary SQLite file
or a PostgreSQL database of our own that is dropped and recreated.
"""

from __future__ import annotations

import json
import lzma
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
PG_NAME = "sitecluster_bench_search"


def say(message: str) -> None:
    print(message, flush=True)


def start_django(database: str) -> str:
    """Point Django at a fresh database ('sqlite' or a postgres:// URL) and migrate it."""
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sitecluster.settings.test"
    if database == "sqlite":
        folder = tempfile.mkdtemp(prefix="sitecluster-bench-search-")
        url = f"sqlite:///{folder}/bench.sqlite3"
    else:
        url = database.rstrip("/").rsplit("/", 1)[0] + f"/{PG_NAME}"
        import psycopg

        admin_url = database.rstrip("/").rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    say(f"  migrated {url.split('@')[-1]} in {time.monotonic() - started:.0f} s")
    return url


def read_items(name: str, limit: int | None = None) -> list[dict]:
    path = DATA / name
    opener = lzma.open if name.endswith(".xz") else open
    items = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            items.append(json.loads(line))
            if limit and len(items) >= limit:
                break
    return items


def build_sites(count: int, portal_hostname: str = "hedong.bench"):
    """A portal and ``count`` department sites, each with one news column (工作动态)."""
    from wagtail.models import Page

    from content_models.columns.models import ColumnPage
    from content_models.home.models import MemberSiteHomePage, PortalHomePage
    from content_models.organisations.factories import OrganisationFactory
    from sitecluster.tenancy.models import ClusterSite, SiteKind

    root = Page.get_first_root_node()
    portal_home = root.add_child(instance=PortalHomePage(title="河东区人民政府", slug="hedong"))
    ClusterSite.objects.create(
        code="hedong",
        name="河东区人民政府",
        short_name="区政府",
        kind=SiteKind.PORTAL,
        organisation=OrganisationFactory(name="河东区人民政府"),
        root_page=portal_home,
        hostname=portal_hostname,
    )
    columns = []
    for n in range(count):
        name = f"河东区第{n + 1}部门"
        home = portal_home.add_child(instance=MemberSiteHomePage(title=name, slug=f"bm{n + 1}"))
        ClusterSite.objects.create(
            code=f"bm{n + 1}",
            name=name,
            short_name=f"第{n + 1}部门",
            kind=SiteKind.DEPARTMENT,
            organisation=OrganisationFactory(name=name),
            root_page=home,
        )
        columns.append(home.add_child(instance=ColumnPage(title="工作动态", slug="gzdt")))
    return columns
