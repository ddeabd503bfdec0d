"""Demo data for 政府信息公开: documents on every body's platform, applications in every state,
and the 2025 annual reports. Runs after ``load_demo_cluster``; idempotent (documents are keyed
on their source row, applications on a fixed tracking code, reports on their slug).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from content_models.disclosure.models import DisclosureContentPage, DisclosureDocumentPage
from content_models.disclosure.taxonomy import guess_doc_type
from content_models.disclosure_reports.models import AnnualReportIndexPage, AnnualReportPage
from content_models.disclosure_requests import workflow
from content_models.disclosure_requests.models import (
    DisclosureRequest,
    DisclosureRequestFormPage,
    Outcome,
)
from content_models.disclosure_requests.working_days import add_working_days, is_working_day
from sitecluster.provisioning import ensure_columns, load_blueprint
from sitecluster.provisioning.pages import add_published_child
from sitecluster.tenancy.models import ClusterSite

from .content import DemoItem, read_policies, rich_text

logger = logging.getLogger(__name__)

DISCLOSURE_PATHS = {
    "zfxxgk/fdzdgknr",
    "zfxxgk/xxgknb",
    "zfxxgk/ysqgk",
    "zfxxgk/xxgkml",
    "zfxxgk/bmml",
}
TOPIC_RULES = [
    (("医", "卫生", "疫苗", "药", "健康", "病"), "卫生、体育\\卫生"),
    (("学校", "教育", "学生", "教师", "开学"), "科技、教育\\教育"),
    (("科技", "科研"), "科技、教育\\科技"),
    (("交通", "运输", "道路", "公路"), "工业、交通\\公路"),
    (("农", "畜", "渔", "粮"), "农业、林业、水利\\农业、畜牧业、渔业"),
    (("税", "财政", "补贴", "资金"), "财政、金融、审计\\财政"),
    (("金融", "贷款", "银行", "信贷"), "财政、金融、审计\\银行"),
    (("就业", "社保", "社会保险", "工资", "劳动"), "劳动、人事、监察\\就业"),
    (("企业", "复工", "复产", "经济", "产业"), "国民经济管理、国有资产监管\\宏观经济"),
    (("市场", "价格", "物价"), "国民经济管理、国有资产监管\\物价"),
    (("商务", "商贸", "外贸", "消费"), "商贸、海关、旅游\\国内贸易（含供销）"),
    (("民政", "救助", "养老", "社区"), "民政、扶贫、救灾\\社会福利"),
    (("安全", "应急", "防控", "疫情"), "综合政务\\应急管理"),
]
AGENCY_CODES = {
    "hedong": "河政发",
    "fgw": "河发改发",
    "jyj": "河教发",
    "kjj": "河科发",
    "mzj": "河民发",
    "sfj": "河司发",
    "czj": "河财发",
    "rsj": "河人社发",
    "zjj": "河建发",
    "jtj": "河交发",
    "nyj": "河农发",
    "swj": "河商发",
    "wjw": "河卫健发",
    "yjj": "河应急发",
    "scjgj": "河市监发",
}
APPLICANT_TYPES = ["natural"] * 6 + ["business", "research", "public_interest", "legal_service"]
OUTCOMES = ["1", "1", "1", "2", "2", "3.4", "3.6", "4.1", "4.2", "5.2", "6.3"]
STATES = ["submitted", "processing", "correcting", "consulting", "replied", "withdrawn"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超"]
COMPANIES = [
    "河东区宏达建材有限公司",
    "河东区科创信息技术研究院",
    "河东区阳光公益服务中心",
    "山东明法律师事务所",
    "河东区惠民物流有限公司",
]
TOPICS_ASKED = [
    "2025年度本机关部门预算和决算公开材料",
    "本辖区老旧小区改造项目的立项批复和资金安排",
    "2024年以来本机关作出的行政许可决定清单",
    "辖区内某路段交通信号灯设置的论证材料",
    "本机关关于企业纾困资金分配的通知及分配结果",
    "某地块土地征收的补偿安置方案",
    "本机关2025年政府采购项目的中标结果",
]


def _bucket(key: str, modulo: int) -> int:
    digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
    return int(digest[:8], 16) % modulo


def _topic(item: DemoItem) -> str:
    text = item.title + "".join(item.paragraphs[:2])
    for words, topic in TOPIC_RULES:
        if any(word in text for word in words):
            return topic
    return "综合政务\\其他"


def _summary(item: DemoItem) -> str:
    text = "".join(item.paragraphs[1:3] or item.paragraphs[:1])
    sentence = text.split("。")[0]
    return (sentence[:97] + "…") if len(sentence) > 98 else sentence + ("。" if sentence else "")


class DemoDisclosureLoader:
    def __init__(self, *, data_dir: Path, documents: int, applications_per_state: int, out=None):
        self.data_dir = data_dir
        self.documents = documents
        self.per_state = applications_per_state
        self.out = out
        self.stats: dict[str, int] = defaultdict(int)
        self.today = timezone.localdate()

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message)
            self.out.flush()

    # -- entry point --------------------------------------------------------------------------
    def load(self) -> dict[str, int]:
        started = time.monotonic()
        sites = [
            site
            for site in ClusterSite.objects.active().select_related("organisation", "root_page")
            if site.kind in ("portal", "department", "street")
        ]
        if not sites:
            raise RuntimeError(
                "No cluster sites: run load_demo_cluster first（请先运行 load_demo_cluster）"
            )
        platforms = {}
        for site in sites:
            with transaction.atomic():
                platforms[site.code] = self.ensure_platform(site)
        bodies = [site for site in sites if site.kind != "street"]  # departments + portal
        bodies += [site for site in sites if site.kind == "street"][:2]
        items = read_policies(self.data_dir, self.documents)
        self.say(f"政府信息公开演示数据：文件 {len(items)} 件，分布在 {len(bodies)} 个机关")
        plan = defaultdict(list)
        for item in items:
            plan[bodies[_bucket(item.key, len(bodies))].code].append(item)
        for number, site in enumerate(bodies, 1):
            with transaction.atomic():
                created = self.ensure_documents(site, platforms[site.code], plan[site.code])
            self.say(f"[{number:2d}/{len(bodies)}] {site.name}：新增文件 {created}")
        with transaction.atomic():
            self.ensure_applications(bodies)
        with transaction.atomic():
            self.ensure_reports(sites, platforms)
        self.stats["seconds"] = round(time.monotonic() - started)
        self.say(
            "完成：公开文件 {docs} 件（新增 {documents}），"
            "依申请公开 {apps} 件（新增 {applications}），"
            "年报 {reports} 份，用时 {seconds} 秒".format(
                docs=DisclosureDocumentPage.objects.count(),
                apps=DisclosureRequest.objects.count(),
                reports=AnnualReportPage.objects.count(),
                **{k: self.stats[k] for k in ("documents", "applications", "seconds")},
            )
        )
        return dict(self.stats)

    # -- platform pages -----------------------------------------------------------------------
    def ensure_platform(self, site) -> dict[str, Page]:
        """The site's disclosure pages: from its blueprint, or added beside old plain columns."""
        home = site.root_page
        try:
            blueprint = load_blueprint(site.blueprint or site.kind)
            columns = ensure_columns(home, blueprint, only=DISCLOSURE_PATHS)
        except Exception:  # a customised or missing blueprint: fall back to what exists
            logger.warning("Blueprint of %s not usable for the disclosure demo", site.code)
            columns = {}
        parent = columns.get("zfxxgk") or home.get_children().filter(slug="zfxxgk").first()
        if parent is None:
            return {}
        children = {child.slug: child.specific for child in parent.get_children()}

        def ensure(model, slug, title, **fields):
            for child in children.values():
                if isinstance(child, model):
                    return child
            return add_published_child(
                parent, model(title=title, slug=slug, show_in_menus=True, **fields)
            )

        return {
            "content": ensure(DisclosureContentPage, "zdgkwj", "法定主动公开内容"),
            "reports": ensure(AnnualReportIndexPage, "gknb", "政府信息公开年报"),
            "form": ensure(DisclosureRequestFormPage, "ysqgk", "依申请公开"),
        }

    # -- documents ----------------------------------------------------------------------------
    def ensure_documents(self, site, platform, items: list[DemoItem]) -> int:
        parent = platform.get("content")
        if parent is None:
            return 0
        agency = AGENCY_CODES.get(site.code) or f"河{site.code[:2].upper()}发"
        created: list[DisclosureDocumentPage] = []
        serial = defaultdict(int)
        for item in sorted(items, key=lambda i: i.key):
            key = f"demo-disclosure:{item.key}"
            year = 2023 + _bucket(item.key + "y", 3)
            original = item.publish_at
            publish_at = original.replace(year=year, day=min(original.day, 28))
            serial[year] += 1
            page = DisclosureDocumentPage.objects.filter(import_key=key).first()
            if page is None:
                page = DisclosureDocumentPage(
                    title=item.title[:250],
                    slug=f"wj-{item.key.split(':')[-1][:12]}",
                    import_key=key,
                    organisation=site.organisation,
                    summary=_summary(item),
                    doc_number=f"{agency}〔{year}〕{serial[year]}号",
                    written_date=(publish_at - dt.timedelta(days=2 + _bucket(key, 6))).date(),
                    publish_at=publish_at,
                    first_published_at=publish_at,
                    topic=_topic(item),
                    doc_type=guess_doc_type(item.title),
                    keywords=" ".join(item.tags[:3]) if item.tags else "",
                    legal_class="normative" if _bucket(key + "n", 5) == 0 else "other",
                    body=[("paragraph", rich_text(item.paragraphs))],
                )
                add_published_child(parent, page)
                self.stats["documents"] += 1
                created.append(page)
        self.link_documents(parent, created)
        return len(created)

    def link_documents(self, parent, created) -> None:
        """Some newer documents replace older ones; some policies get an interpretation."""
        by_date = sorted(created, key=lambda page: page.publish_at)
        for older, newer in zip(by_date[::7], by_date[3::7], strict=False):
            if older.publish_at >= newer.publish_at:
                continue
            older.validity = "amended" if _bucket(older.import_key, 2) else "repealed"
            older.validity_changed_on = timezone.localtime(newer.publish_at).date()
            older.replaced_by = newer
            older.save_revision(log_action=False).publish(
                log_action=False, skip_permission_checks=True
            )
        for policy in by_date[1::6]:
            reading = DisclosureDocumentPage(
                title=f"《{policy.title[:60]}》政策解读",
                slug=f"jd-{policy.slug[3:]}",
                import_key=f"{policy.import_key}:jd",
                info_category="interpretation",
                organisation=policy.organisation,
                summary="从出台背景、主要内容和适用对象三个方面解读该文件。",
                publish_at=policy.publish_at + dt.timedelta(days=1),
                first_published_at=policy.publish_at + dt.timedelta(days=1),
                written_date=timezone.localtime(policy.publish_at).date(),
                topic=policy.topic,
                doc_type="其他",
                body=[
                    (
                        "paragraph",
                        "<p>一、出台背景。为贯彻落实上级部署，结合本地实际，制定本文件。</p>"
                        "<p>二、主要内容。文件明确了工作目标、重点任务和保障措施。</p>"
                        "<p>三、适用对象。本辖区内相关单位和个人。</p>",
                    )
                ],
            )
            reading.interpretation_links.add(reading.interpretation_links.model(policy=policy))
            add_published_child(parent, reading)
            self.stats["documents"] += 1

    # -- applications -------------------------------------------------------------------------
    def ensure_applications(self, bodies) -> None:
        number = 0
        for state in STATES:
            for n in range(self.per_state):
                number += 1
                code = f"YSQDEMO{number:04d}"
                if DisclosureRequest.objects.filter(tracking_code=code).exists():
                    continue
                site = bodies[(number * 7) % len(bodies)]
                self.make_application(code, number, state, n, site.organisation)
                self.stats["applications"] += 1
        self.say(f"依申请公开：每种状态 {self.per_state} 件")

    def make_application(self, code, number, state, n, organisation) -> None:
        applicant_type = APPLICANT_TYPES[number % len(APPLICANT_TYPES)]
        natural = applicant_type == "natural"
        name = SURNAMES[number % len(SURNAMES)] + GIVEN[number % len(GIVEN)]
        # Open applications were received recently (some are near or past their deadline);
        # closed ones are spread over 2025 and 2026 for the annual reports.
        if state in ("submitted",):
            received = self.today - dt.timedelta(days=n % 5)
        elif state in ("processing", "consulting", "correcting"):
            received = self.today - dt.timedelta(days=3 + (n * 37) % 40)
        else:
            received = dt.date(2025, 1, 6) + dt.timedelta(days=(number * 53) % 600)
            received = min(received, self.today - dt.timedelta(days=40))
        while not is_working_day(received):
            received -= dt.timedelta(days=1)
        in_person = number % 3 == 0 and state != "submitted"
        request = DisclosureRequest(
            tracking_code=code,
            organisation=organisation,
            applicant_type=applicant_type,
            applicant_name=name if natural else COMPANIES[number % len(COMPANIES)],
            id_type="居民身份证" if natural else "统一社会信用代码",
            id_number=f"37990119{80 + number % 20}0{number % 9 + 1}0{number % 10}{number:04d}",
            legal_representative="" if natural else name,
            phone=f"139{number:08d}",
            email=f"applicant{number}@example.com",
            address=f"河东区人民路{number}号",
            description=f"申请公开{TOPICS_ASKED[number % len(TOPICS_ASKED)]}。",
            delivery_method="email",
            channel="in_person" if in_person else "online",
            received_on=received if in_person else None,
            submitted_at=timezone.make_aware(
                dt.datetime.combine(received, dt.time(9 + number % 8, 15))
            ),
            staff_note="演示数据",
        )
        workflow.submit(request)
        if state == "submitted":
            return
        if request.state == "submitted":
            workflow.register(request, received_on=received)
        step = add_working_days(received, 2)
        if state == "correcting":
            workflow.request_correction(request, on=step, note="请补充所需信息的名称或文号。")
        elif state == "consulting":
            workflow.start_consultation(request, on=step, party="涉及的第三方企业")
        elif state == "processing":
            if n % 4 == 0:
                workflow.extend(
                    request,
                    days=15,
                    reason="申请内容复杂，需要调取档案",
                    approved_by="办公室主任",
                    on=step,
                )
        elif state == "replied":
            if n % 5 == 0:
                workflow.request_correction(request, on=step, note="请明确所需信息的时间范围。")
                step = add_working_days(step, 3)
                workflow.receive_correction(request, on=step)
            reply_on = add_working_days(step, 5 + n % 10)
            outcome = OUTCOMES[n % len(OUTCOMES)]
            workflow.reply(
                request,
                outcome=outcome,
                text=f"经审查，{Outcome(outcome).label}。详见政府信息公开申请答复书。",
                on=reply_on,
            )
        elif state == "withdrawn":
            if n % 2:
                workflow.request_correction(request, on=step, note="请补充身份证明。", period=10)
                workflow.lapse_correction(request, on=add_working_days(request.correction_due, 1))
            else:
                workflow.withdraw(request, on=add_working_days(step, 1), reason="申请人撤回")

    # -- annual reports -----------------------------------------------------------------------
    def ensure_reports(self, sites, platforms) -> None:
        year = 2025
        for site in sites:
            index = platforms.get(site.code, {}).get("reports")
            if index is None or AnnualReportPage.objects.child_of(index).filter(year=year).exists():
                continue
            district = site.kind == "portal"
            add_published_child(
                index,
                AnnualReportPage(
                    title=f"{site.name}{year}年政府信息公开工作年度报告",
                    slug=f"{year}",
                    year=year,
                    scope="district" if district else "body",
                    overview=(
                        f"<p>{year}年，{site.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                        "坚持以公开为常态、不公开为例外，持续深化政务公开。</p>"
                    ),
                    problems="<p>政策解读的形式还不够丰富，下一步将加强图解、问答等多种形式的解读。</p>",
                    other_matters="<p>本年度未收取信息处理费。</p>",
                    permits=_bucket(site.code, 200),
                    penalties=_bucket(site.code + "p", 40),
                ),
            )
