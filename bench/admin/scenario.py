"""The admin scenario, run inside Django against one freshly migrated database.

Builds a portal and ``--sites`` member sites with :func:`provision_site` (each with its groups,
collection and workflow), a few articles and images per site, and a user who is 编辑 on half
of ``--roles`` sites and 审核员 on the other half. Measures, as that user, the admin views an
editor opens most: first with ``--roles`` sites in the cluster (query counts only), then with
all of them (query counts, p50/p95 over ``--requests`` requests after a warm-up).
Writes JSON to ``--out``; ``python -m bench.admin`` prints it.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time

import django

django.setup()

from PIL import Image as PILImage  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.images import get_image_model  # noqa: E402

from bench.lib.load import percentile  # noqa: E402
from content_models.articles.models import ArticlePage  # noqa: E402
from content_models.organisations.validators import make_uscc  # noqa: E402
from sitecluster.provisioning import provision_site, site_columns  # noqa: E402
from sitecluster.provisioning.pages import add_published_child  # noqa: E402
from sitecluster.tenancy.models import SiteGroup, SiteRole  # noqa: E402

PORTAL_HOST = "bench-portal.test"
ARTICLES_PER_SITE = 5
IMAGES_PER_SITE = 3


def say(message: str) -> None:
    print(message, flush=True)


def png_bytes(seed: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), ((seed * 37) % 256, (seed * 91) % 256, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def build_site(index: int):
    kind = "department" if index % 3 else "street"
    site = provision_site(
        blueprint=kind,
        code=f"s{index:03d}",
        name=f"基准测试单位{index:03d}",
        org_code=make_uscc("11", "379901", f"{index:08d}"),
        hostname=f"s{index:03d}.bench.test" if index % 2 else "",
    )
    column = site_columns(site)["gzdt"]
    for n in range(ARTICLES_PER_SITE):
        add_published_child(
            column,
            ArticlePage(title=f"单位{index:03d}工作动态第{n + 1}条", slug=f"a{n + 1}"),
        )
    image_model = get_image_model()
    for n in range(IMAGES_PER_SITE):
        image = image_model(title=f"单位{index:03d}图片{n + 1}", collection=site.collection)
        image.file = ImageFile(io.BytesIO(png_bytes(index * 10 + n)), name=f"s{index}-{n}.png")
        image.save()
    return site


def grant_roles(user, sites) -> None:
    for n, site in enumerate(sites):
        role = SiteRole.EDITOR if n % 2 == 0 else SiteRole.REVIEWER
        user.groups.add(SiteGroup.objects.get(cluster_site=site, role=role).group)


def views_for(sites) -> dict[str, str]:
    first_root = sites[0].root_page_id
    return {
        "dashboard /admin/": "/admin/",
        "explorer /admin/pages/": "/admin/pages/",
        "explorer of own site": f"/admin/pages/{first_root}/",
        "page chooser": "/admin/choose-page/",
        "image listing /admin/images/": "/admin/images/",
        "image chooser": "/admin/images/chooser/",
    }


def settle(client: Client, views: dict[str, str]) -> dict[str, str]:
    """Follow the admin's own redirects once (``/admin/pages/`` opens the explorable root)."""
    settled = {}
    for label, url in views.items():
        response = client.get(url)
        if response.status_code == 302 and response["Location"].startswith("/admin/"):
            url = response["Location"]
        settled[label] = url
    return settled


def query_counts(client: Client, views: dict[str, str]) -> dict[str, int]:
    counts = {}
    for label, url in views.items():
        client.get(url)  # warm caches the way a real session would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code} for {url}")
        counts[label] = len(queries)
    return counts


def timings(client: Client, views: dict[str, str], requests: int) -> dict[str, dict]:
    figures = {}
    for label, url in views.items():
        for _ in range(3):
            client.get(url)
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{label}: HTTP {response.status_code} for {url}")
        samples.sort()
        figures[label] = {"p50_ms": percentile(samples, 50), "p95_ms": percentile(samples, 95)}
        say(
            f"  {label:<32} p50 {figures[label]['p50_ms']:7.1f} ms  "
            f"p95 {figures[label]['p95_ms']:7.1f} ms  max {samples[-1]:7.1f} ms"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--roles", type=int, default=10)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    say(f"migrating ({connection.vendor}) ...")
    call_command("migrate", verbosity=0, interactive=False)
    provision_site(
        blueprint="portal",
        code="portal",
        name="基准测试区人民政府",
        org_code=make_uscc("11", "379901", "99999999"),
        hostname=PORTAL_HOST,
    )
    user = get_user_model().objects.create_user("bench-editor", password="bench-password-1")
    client = Client(HTTP_HOST=PORTAL_HOST)

    started = time.perf_counter()
    sites = []
    for index in range(1, args.sites + 1):
        sites.append(build_site(index))
        if index == args.roles:
            grant_roles(user, sites)
            client.force_login(user)
            first = query_counts(client, settle(client, views_for(sites)))
            say(f"  queries with {index} sites: {first}")
        if index % 10 == 0:
            rate = index / (time.perf_counter() - started)
            say(f"  provisioned {index}/{args.sites} sites ({rate:.1f} sites/s incl. content)")
    views = settle(client, views_for(sites))
    last = query_counts(client, views)
    say(f"  queries with {args.sites} sites: {last}")
    figures = timings(client, views, args.requests)
    for label in figures:
        figures[label]["queries"] = last[label]
    result = {
        "database": connection.vendor,
        "first_sites": args.roles,
        "views": figures,
        "query_growth": {
            label: (first_value, last_value)
            for (label, first_value), last_value in zip(first.items(), last.values(), strict=True)
        },
    }
    with open(args.out, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
