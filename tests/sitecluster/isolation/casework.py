"""Each site's casework for the matrix: what citizens sent it and what the office curates.

Per site (fgw and jyj): a 依申请公开 application to the site's organisation, a letter to its
leader mailbox (领导信箱), a consultation with one pending comment, and a best bet shown on its
search. Cluster-wide: a holiday calendar entry and a search synonym (information office only).
Titles carry the site's label (发改委 / 教育局) so a leak is visible in any response.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from content_models.disclosure_requests import workflow as disclosure_workflow
from content_models.disclosure_requests.models import CalendarDay, DisclosureRequest
from content_models.interaction import workflow as letter_workflow
from content_models.interaction.attachments import CheckedFile
from content_models.interaction.models import ConsultationComment, ConsultationPage
from search.models import BestBet, Synonym
from sitecluster.provisioning.pages import add_published_child


def application(site, label: str) -> DisclosureRequest:
    """A paper application the site's organisation received 45 days ago: overdue, so the
    dashboard's 即将到期与已超期 panel lists it."""
    request = DisclosureRequest(
        organisation=site.organisation,
        channel="letter",
        received_on=timezone.localdate() - dt.timedelta(days=45),
        applicant_type="natural",
        applicant_name=f"{label}申请人",
        id_number="110101199003070012",
        phone="13800000000",
        description=f"申请公开{label}2025年部门预算执行情况。",
    )
    return disclosure_workflow.submit(request)


def letter(columns, label: str):
    """A letter of 25 days ago, past its 10-working-day target (on the deadlines panel), with
    a PDF attachment (stored in the private media folder; see :func:`remove_files`)."""
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    attachment = CheckedFile(
        ContentFile(pdf, name=".pdf"), f"{label}来信附件.pdf", "application/pdf", len(pdf)
    )
    return letter_workflow.submit(
        columns["hdjl/ldyx"],
        letter_type="suggestion",
        subject=f"{label}来信：关于延长办事窗口周末开放时间的建议",
        body="周末办事窗口下午四点关闭，上班族来不及办理，建议延长到六点。",
        name="刘群众",
        phone="13912345678",
        now=timezone.now() - dt.timedelta(days=25),
        attachments=[attachment],
    )


def comment(site, columns, code: str, label: str) -> ConsultationComment:
    today = timezone.localdate()
    consultation = add_published_child(
        columns["hdjl/yjzj"],
        ConsultationPage(
            title=f"{label}征求意见：工作规则（征求意见稿）",
            slug=f"{code}-yjzj-1",
            opens_on=today - dt.timedelta(days=5),
            closes_on=today + dt.timedelta(days=10),
            intro="现公开征求社会公众意见。",
        ),
    )
    return ConsultationComment.objects.create(
        consultation=consultation,
        site_home_id=site.root_page_id,
        name="周市民",
        contact="13700000000",
        text=f"{label}意见：建议增加对基层单位的培训安排。",
    )


def best_bet(site, page, label: str) -> BestBet:
    return BestBet.objects.create(keywords=f"{label}推荐", page=page, site=site)


def add_casework(world, code: str, site, label: str) -> None:
    columns = {"fgw": world.cluster.fgw_columns, "jyj": world.cluster.jyj_columns}[code]
    sent = letter(columns, label)
    world.objects.update(
        {
            (code, "application"): application(site, label),
            (code, "letter"): sent,
            (code, "attachment"): sent.attachments.get(),
            (code, "comment"): comment(site, columns, code, label),
            (code, "best_bet"): best_bet(site, world.objects[(code, "page")], label),
        }
    )


def add_office_records(world) -> None:
    # The official calendar ships with the app's data migration; this day may already be there.
    world.objects["holiday"], _ = CalendarDay.objects.get_or_create(
        date=dt.date(2026, 10, 1), defaults={"kind": "holiday", "name": "国庆节"}
    )
    world.objects["synonym"] = Synonym.objects.create(
        term="教体局", equivalents="教育局\n教育和体育局"
    )


def remove_files(world) -> None:
    """Delete the letters' attachment files (the database rows are rolled back)."""
    for code in ("fgw", "jyj"):
        stored = world.objects[(code, "attachment")].file
        stored.storage.delete(stored.name)
