"""manage.py pagecache stats | clear | purge-site <code> | purge-url <url>"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from sitecluster.caching.config import page_cache_enabled, page_store
from sitecluster.caching.purge import PurgePlan
from sitecluster.tenancy.models import ClusterSite


class Command(BaseCommand):
    help = (
        "The page store: how many pages it holds, empty it (after a deployment that changes "
        "templates or themes), or purge one site or one address."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("stats", help="stored pages per host")
        sub.add_parser("clear", help="remove every stored page (and purge the frontend cache)")
        site = sub.add_parser("purge-site", help="every page of one site on all its hosts")
        site.add_argument("code", help="the site's code, e.g. fgw")
        url = sub.add_parser("purge-url", help="one address, e.g. https://fgw.hedong.gov.cn/gzdt/")
        url.add_argument("url")

    def handle(self, *args, action, **options):
        store = page_store()
        if action == "stats":
            self.stdout.write(
                f"page store: {store.root} ({'on' if page_cache_enabled() else 'off'})"
            )
            hosts = (
                sorted(p for p in store.root.iterdir() if p.is_dir()) if store.root.is_dir() else []
            )
            for host in hosts:
                self.stdout.write(f"  {host.name}: {sum(1 for _ in host.rglob('*.html'))} pages")
            self.stdout.write(f"total: {store.count()} stored pages")
            return
        if action == "clear":
            plan = PurgePlan("pagecache clear")
            plan.add_everything()
        elif action == "purge-site":
            site = (
                ClusterSite.objects.filter(code=options["code"]).select_related("root_page").first()
            )
            if site is None or site.root_page is None:
                raise CommandError(f"没有代码为“{options['code']}”的站点。")
            plan = PurgePlan(f"pagecache purge-site {site.code}")
            plan.add_site(site.root_page)
        else:
            parts = urlsplit(options["url"])
            if not parts.hostname or not parts.path.endswith("/"):
                raise CommandError(
                    "请填写完整地址，如 https://fgw.hedong.gov.cn/gzdt/（以 / 结尾）。"
                )
            store.touch_marker()
            removed = store.purge_page(parts.hostname, parts.path)
            self.stdout.write(f"removed {removed} stored renderings of {options['url']}")
            return
        removed = plan.execute(even_if_disabled=True)
        self.stdout.write(f"removed {removed} stored pages")
