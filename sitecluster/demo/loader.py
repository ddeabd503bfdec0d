"""Loads the demo cluster: the 河东区 portal, its departments and street offices, with real texts.

Idempotent: organisations are keyed on their credit code, sites on their code, pages on their
slug under their parent and articles on the id of the source row, so a second run changes
nothing. Each site is loaded in its own transaction: an interrupted run leaves whole sites.
"""

from __future__ import annotations

import io
import logging
import time
from collections import defaultdict
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify

from wagtail.images.models import Image
from wagtail.models import Collection, Page

from content_models.articles.models import ArticlePage
from content_models.organisations.models import LeaderProfilePage, Organisation, OrganisationType
from sitecluster.provisioning import apply_rollout, plan_rollout, provision_site, site_columns
from sitecluster.provisioning.pages import add_published_child
from sitecluster.sso.clients import sync_all_clients
from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.sync import sync_all

from . import banners
from .cluster import ALL_SITES, FUNCTIONS, PORTAL, DemoSite
from .content import DemoItem, read_news, read_policies, rich_text
from .review import load_review_demo
from .sharing import load_sharing_demo

logger = logging.getLogger(__name__)

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "SiteCluster@2026"
PORTAL_SHARE = 25  # percent of news items published on the portal itself
LEADER_TITLES = ("主要负责人", "副职负责人", "副职负责人")
DEMO_NOTICE = "本站为 SiteCluster 演示站点，所载内容为公开资料的测试数据，非真实政府网站。"
ORG_TYPES = {
    "portal": OrganisationType.GOVERNMENT,
    "department": OrganisationType.DEPARTMENT,
    "street": OrganisationType.STREET,
}


class DemoClusterLoader:
    def __init__(self, *, data_dir: Path, domain: str, news: int, policies: int, out=None):
        self.data_dir = data_dir
        self.domain = domain
        self.news_limit = news
        self.policy_limit = policies
        self.out = out
        self.stats: dict[str, int] = defaultdict(int)

    # -- output -------------------------------------------------------------------------
    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message)
            self.out.flush()

    # -- entry point --------------------------------------------------------------------
    def load(self) -> dict[str, int]:
        started = time.monotonic()
        news = read_news(self.data_dir, self.news_limit)
        policies = read_policies(self.data_dir, self.policy_limit)
        self.say(f"读取演示数据：新闻 {len(news)} 条，政策 {len(policies)} 条")
        plan = self.assign(news + policies)
        self.ensure_admin()
        total = len(ALL_SITES)
        for number, demo in enumerate(ALL_SITES, 1):
            with transaction.atomic():
                site = self.ensure_site(demo, number)
                created = self.ensure_articles(site, plan.get(demo.code, []))
            self.say(f"[{number:2d}/{total}] {demo.name}：新增文章 {created}")
        reviewed = load_review_demo(DEMO_PASSWORD)
        self.say(
            f"发布审核：新增敏感词 {reviewed['words']} 个，提交审核 {reviewed['submitted']} 篇"
        )
        shared = load_sharing_demo(DEMO_USERNAME)
        self.say(f"站点共享：新增报送 {shared['offers']} 条，分发到 {shared['distributed']} 个站点")
        with transaction.atomic():
            sync_all()
            # Single sign-on: every demo host a client of login.<domain> (docs/sso.md).
            clients = sync_all_clients()
        self.say(f"统一身份认证：{clients} 个站点客户端已登记")
        self.stats["seconds"] = round(time.monotonic() - started)
        self.say(
            "完成：站点 {sites}，新增页面 {pages}，新增文章 {articles}，用时 {seconds} 秒".format(
                sites=ClusterSite.objects.count(),
                **{k: self.stats[k] for k in ("pages", "articles", "seconds")},
            )
        )
        return dict(self.stats)

    # -- planning -----------------------------------------------------------------------
    @staticmethod
    def assign(items: list[DemoItem]) -> dict[str, list[tuple[str, DemoItem]]]:
        """Spread items over sites and columns, deterministically (by the item's key)."""
        members = [site for site in ALL_SITES if site.kind != "portal"]
        plan: dict[str, list[tuple[str, DemoItem]]] = defaultdict(list)
        for item in items:
            if item.bucket(100) < PORTAL_SHARE:
                site = PORTAL
            else:
                site = members[int(item.key.encode().hex(), 16) % len(members)]
            column = {"news": "gzdt", "notice": "tzgg", "policy": "zcwj"}[item.kind]
            plan[site.code].append((column, item))
        return plan

    # -- users --------------------------------------------------------------------------
    def ensure_admin(self) -> None:
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEMO_USERNAME).exists():
            user_model.objects.create_superuser(
                DEMO_USERNAME, "admin@hedong.example", DEMO_PASSWORD, first_name="信息中心"
            )
            self.say(f"已创建演示管理员 {DEMO_USERNAME}")

    # -- sites --------------------------------------------------------------------------
    def hostname(self, label: str) -> str:
        return f"{label}.{self.domain}"

    def ensure_site(self, demo: DemoSite, index: int) -> ClusterSite:
        """New sites are provisioned from their blueprint (groups, collection, workflow …)."""
        organisation = self.ensure_organisation(demo, index)
        values = {
            "site_id_code": f"37990100{index:02d}",
            "sponsor": demo.name,
            "undertaker": "河东区大数据中心" if demo.kind == "portal" else "",
            "icp_number": f"鲁ICP备{20990000 + index:08d}号",
            "police_number": f"鲁公网安备 37990102{index:06d}号",
            "contact_phone": f"0539-{8100000 + index * 11:07d}",
            "contact_email": f"{demo.code}@hedong.example",
            "address": f"河东区人民路{100 + index}号",
            "announcement": DEMO_NOTICE,
        }
        identity = {
            "name": demo.name,
            "short_name": demo.short_name,
            "organisation_id": organisation.pk,
            "hostname": self.hostname(demo.code) if demo.own_host else "",
            "aliases": "\n".join(self.hostname(alias) for alias in demo.aliases),
            "sort_order": index,
        }
        site = ClusterSite.objects.filter(code=demo.code).first()
        if site is None:
            if demo.kind == "portal":
                self.remove_installer_welcome_page(Page.get_first_root_node())
            site = provision_site(
                blueprint=demo.kind,
                code=demo.code,
                name=demo.name,
                short_name=demo.short_name,
                organisation=organisation,
                hostname=identity["hostname"],
                aliases=[self.hostname(alias) for alias in demo.aliases],
                settings=values,
                sort_order=index,
            )
            self.stats["sites"] += 1
            self.stats["pages"] += Page.objects.descendant_of(
                site.root_page, inclusive=True
            ).count()
            self.fill_functions(demo, organisation, site_columns(site).get("jggk/jgzn"))
        else:
            if not site.blueprint:  # made before provisioning existed: bring it in line
                apply_rollout(plan_rollout(site, demo.kind))
                site.refresh_from_db()
            wanted = {**identity, **values}
            if any(getattr(site, key) != value for key, value in wanted.items()):
                for key, value in wanted.items():
                    setattr(site, key, value)
                site.full_clean()
                site.save()
        if site.banner_image_id is None:
            site.banner_image = self.make_image(
                f"{demo.name}横幅",
                f"banner-{demo.code}.png",
                banners.banner_png(demo.code, demo.kind),
                site.collection,
            )
            site.save(update_fields=["banner_image"])
        self.ensure_leaders(demo, site_columns(site)["jggk/ldxx"], site.collection)
        return site

    def ensure_organisation(self, demo: DemoSite, index: int) -> Organisation:
        code = demo.credit_code(index)
        organisation = Organisation.objects.filter(credit_code=code).first()
        if organisation is None:
            organisation = Organisation(
                name=demo.organisation_name,
                short_name=demo.short_name,
                org_type=ORG_TYPES[demo.kind],
                credit_code=code,
                address=f"河东区人民路{100 + index}号",
                phone=f"0539-{8100000 + index * 11:07d}",
                office_hours="工作日 上午 9:00-12:00，下午 13:30-17:30",
            )
            organisation.full_clean()
            organisation.save()
        return organisation

    @staticmethod
    def remove_installer_welcome_page(root: Page) -> None:
        """Wagtail's installer leaves a plain "Welcome" page; the portal replaces it."""
        for page in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            if not page.get_children().exists():
                page.delete()

    def fill_functions(self, demo: DemoSite, organisation: Organisation, functions) -> None:
        """Replace the blueprint's placeholder 机构职能 text with the demo body's functions."""
        if functions is None:
            return
        page = functions.specific
        topic = demo.short_name.removeprefix("区")
        paragraphs = tuple(p.format(topic=topic) for p in FUNCTIONS[demo.kind])
        page.body = [("paragraph", rich_text(paragraphs))]
        page.address, page.phone = organisation.address, organisation.phone
        page.office_hours = organisation.office_hours
        page.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)

    def ensure_leaders(self, demo: DemoSite, column: Page, collection) -> None:
        if column.get_children().exists():
            return
        surnames = "王李张刘陈杨赵黄周吴"
        for number, position in enumerate(LEADER_TITLES, 1):
            name = surnames[(len(demo.code) * 3 + number) % len(surnames)] + "某某（演示）"
            photo = self.make_image(
                f"{demo.short_name}领导照片{number}",
                f"leader-{demo.code}-{number}.png",
                banners.portrait_png(f"{demo.code}-{number}"),
                collection,
            )
            add_published_child(
                column,
                LeaderProfilePage(
                    title=name,
                    slug=f"leader-{number}",
                    position=f"{demo.short_name}{position}",
                    photo=photo,
                    responsibilities="负责本单位全面工作。"
                    if number == 1
                    else "协助主要负责人分管相关业务工作。",
                    show_in_menus=False,
                ),
            )
            self.stats["pages"] += 1

    def make_image(self, title: str, filename: str, data: bytes, collection=None) -> Image:
        collection = collection or Collection.get_first_root_node()
        image = Image(title=title, collection=collection)
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image.save()
        return image

    # -- articles -----------------------------------------------------------------------
    def ensure_articles(self, site: ClusterSite, planned: list[tuple[str, DemoItem]]) -> int:
        if not planned:
            return 0
        existing = set(
            ArticlePage.objects.filter(
                import_key__in=[item.key for _, item in planned]
            ).values_list("import_key", flat=True)
        )
        columns = {c.slug: c for c in site.root_page.get_children().specific()}
        created = 0
        for column_slug, item in sorted(planned, key=lambda pair: pair[1].publish_at):
            if item.key in existing:
                continue
            page = ArticlePage(
                title=item.title,
                slug=slugify(item.key.split(":", 1)[1])[:80] or "item",
                publish_at=item.publish_at,
                first_published_at=item.publish_at,
                source=item.source,
                body=[("paragraph", rich_text(item.paragraphs))],
                import_key=item.key,
                show_in_menus=False,
            )
            page.tags.add(*item.tags)
            add_published_child(columns[column_slug], page)
            created += 1
            self.stats["articles"] += 1
            self.stats["pages"] += 1
            if created % 50 == 0:
                self.say(f"    {site.name}：已导入 {created} 篇…")
        return created
