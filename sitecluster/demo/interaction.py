"""Demo 互动交流: letters in every state on the portal and a few departments, and two
consultations (one open with comments, one closed with its 采纳情况). Run after
``load_demo_cluster``; running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from content_models.interaction import workflow
from content_models.interaction.deadlines import add_months
from content_models.interaction.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    Letter,
    MailboxPage,
)
from sitecluster.provisioning import ensure_columns
from sitecluster.provisioning.blueprints import get_blueprint
from sitecluster.provisioning.pages import add_published_child
from sitecluster.tenancy.models import ClusterSite

LETTERS = [
    # (type, subject, body, days ago, what happens)
    (
        "suggestion",
        "关于在幸福路增设公交站点的建议",
        "幸福路与和平街交叉口附近新建小区较多，居民出行不便，建议增设公交站点。",
        20,
        "publish",
    ),
    (
        "consult",
        "咨询新生儿落户需要哪些材料",
        "我的孩子上月出生，请问在河东区办理落户需要准备哪些材料，在哪里办理？",
        12,
        "publish",
    ),
    (
        "complaint",
        "反映小区周边夜间施工噪音扰民",
        "近一周每晚十一点后仍有工地施工，噪音很大，影响休息，请有关部门处理。",
        9,
        "reply",
    ),
    (
        "help",
        "老旧小区加装电梯如何申请",
        "我们小区建于1995年，居民想加装电梯，请问申请流程和补贴政策是怎样的？",
        6,
        "forward",
    ),
    (
        "suggestion",
        "建议延长区图书馆周末开放时间",
        "区图书馆周末下午五点闭馆，建议延长到晚上八点，方便上班族学习。",
        3,
        "accept",
    ),
    (
        "consult",
        "灵活就业人员如何缴纳社保",
        "本人为灵活就业人员，想了解养老保险和医疗保险的缴费标准和办理渠道。",
        1,
        "submit",
    ),
    (
        "other",
        "推广信息",
        "代开发票，办证刻章，加微信返利 https://a.example https://b.example https://c.example https://d.example",
        2,
        "reject",
    ),
    (
        "complaint",
        "反映农贸市场占道经营问题",
        "东关农贸市场周边长期占道经营，早高峰车辆难以通行。",
        100,
        "submit",
    ),
]


class DemoInteractionLoader:
    def __init__(self, out=None):
        self.out = out

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message)

    @transaction.atomic
    def load(self) -> None:
        portal = ClusterSite.objects.portal()
        if portal is None:
            raise RuntimeError(
                "No portal: run load_demo_cluster first（请先运行 load_demo_cluster）"
            )
        sites = [
            portal,
            *ClusterSite.objects.active().exclude(pk=portal.pk).order_by("sort_order", "pk")[:3],
        ]
        for site in sites:  # sites made before the 互动交流 pages existed get the missing ones
            blueprint = get_blueprint(site.blueprint or site.kind)
            paths = {p for p in blueprint.column_paths() if p.startswith("hdjl")}
            ensure_columns(site.root_page, blueprint, only=paths)
        if Letter.objects.exists():
            self.say("互动交流演示数据已存在，跳过。")
            return
        boxes = [
            MailboxPage.objects.live().descendant_of(site.root_page).filter(kind="leader").first()
            for site in sites
        ]
        boxes = [box for box in boxes if box is not None]
        if not boxes:
            raise RuntimeError("No mailbox pages found（未找到信箱页面）")
        now = timezone.now()
        for index, (kind, subject, body, days_ago, action) in enumerate(LETTERS):
            box = boxes[index % len(boxes)]
            sent = (
                add_months(now, -3) - dt.timedelta(days=10)
                if days_ago >= 100
                else now - dt.timedelta(days=days_ago)
            )
            letter = workflow.submit(
                box,
                letter_type=kind,
                subject=subject,
                body=body,
                name="王小明",
                phone=f"1390539{index:04d}",
                email="citizen@example.com",
                may_publish=action == "publish",
                spam_reasons=["含有广告词"] if action == "reject" else (),
                now=sent,
            )
            if action in ("accept", "reply", "publish"):
                workflow.accept(letter)
            if action == "forward":
                workflow.forward(
                    letter, boxes[(index + 1) % len(boxes)], note="属该单位职责，请按时办理。"
                )
            if action in ("reply", "publish"):
                workflow.reply(
                    letter,
                    "您好，来信收悉。经核实，已安排相关科室办理，具体情况如下：……感谢您对我们工作的关心和支持！",
                )
            if action == "publish":
                workflow.publish(letter, subject=subject, body=body, reply_text=letter.reply_text)
            if action == "reject":
                workflow.reject(letter, "来信内容为广告信息，不予受理。")
            self.say(f"来信 {index + 1}/{len(LETTERS)}：{letter.get_state_display()} {subject}")
        self.load_consultations(portal)

    def load_consultations(self, portal) -> None:
        index = ConsultationIndexPage.objects.live().descendant_of(portal.root_page).first()
        if index is None:
            self.say("门户没有意见征集栏目，跳过意见征集演示数据。")
            return
        today = timezone.localdate()
        closed = add_published_child(
            index,
            ConsultationPage(
                title="《河东区养犬管理办法（征求意见稿）》公开征求意见",
                slug="yqglbf",
                opens_on=today - dt.timedelta(days=60),
                closes_on=today - dt.timedelta(days=30),
                intro="为规范养犬行为，保障公民健康和人身安全，现公开征求社会公众意见。",
                summary=(
                    "<p>征求意见期间共收到有效意见 3 条，采纳 1 条，部分采纳 1 条。"
                    "未采纳的意见主要涉及上位法已有规定的事项。</p>"
                ),
                summary_published_on=today - dt.timedelta(days=20),
            ),
        )
        open_page = add_published_child(
            index,
            ConsultationPage(
                title="《河东区老旧小区改造三年行动方案（征求意见稿）》公开征求意见",
                slug="ljxqgz",
                opens_on=today - dt.timedelta(days=5),
                closes_on=today + dt.timedelta(days=25),
                intro="欢迎社会各界对方案提出意见建议。",
            ),
        )
        for page, comments in (
            (
                closed,
                [
                    ("建议明确夜间遛犬须牵引。", "adopted"),
                    ("建议设置犬只便溺清理设施。", "partly"),
                    ("建议禁止饲养所有大型犬。", "not_adopted"),
                ],
            ),
            (
                open_page,
                [("建议优先改造无物业管理的小区。", ""), ("希望同步加装电梯和充电桩。", "")],
            ),
        ):
            for n, (text, adoption) in enumerate(comments):
                comment = ConsultationComment.objects.create(
                    consultation=page,
                    site_home=page.site_home(),
                    name="市民",
                    contact=f"1370539{n:04d}",
                    text=text,
                    fingerprint=f"demo-{page.pk}-{n}",
                )
                workflow.moderate(
                    comment,
                    state="approved",
                    adoption=adoption,
                    note="已在修改稿中体现。" if adoption else "",
                )
        self.say("意见征集：1 个征集中，1 个已结束并发布采纳情况。")
