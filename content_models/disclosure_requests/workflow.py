"""Transitions of an application and the statutory clock (政府信息公开条例 2019, 第30–33条).

* 收到申请之日 starts the clock (online applications: the day staff confirm them, 第31条).
* 补正 may be asked once, within 7 working days of receipt; the clock restarts on the day the
  correction arrives (第30条). No correction by the deadline: the application lapses (6.1).
* Third-party consultation (第32条) pauses the clock; the third party has 15 working days, so
  at most 15 working days are excluded (第33条).
* Reply within 20 working days; one extension of at most 20 working days, approved by the
  head of the information office and notified to the applicant (第33条).

Every transition is written to Wagtail's audit log (ModelLogEntry) with its data.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from .models import DisclosureRequest, Outcome, ReplyFile, State
from .working_days import add_working_days, working_days_between

REPLY_DAYS = 20
CORRECTION_WINDOW = 7
CONSULTATION_DAYS = 15
MAX_EXTENSION = 20
DEFAULT_CORRECTION_PERIOD = 15


# Audit-log actions (registered in wagtail_hooks): action → label.
LOG_ACTIONS = {
    "submit": "提交依申请公开申请",
    "register": "登记受理",
    "request_correction": "要求补正",
    "receive_correction": "收到补正",
    "lapse_correction": "逾期未补正",
    "start_consultation": "征求第三方意见",
    "end_consultation": "结束征求意见",
    "extend": "延长答复期限",
    "reply": "答复",
    "withdraw": "撤回",
}


class WorkflowError(ValueError):
    """A transition that is not allowed; the message is shown to staff in Chinese."""


def _require(request: DisclosureRequest, *states: State, action: str) -> None:
    if request.state not in states:
        allowed = "、".join(State(s).label for s in states)
        raise WorkflowError(
            f"当前状态为“{request.get_state_display()}”，不能{action}（仅限：{allowed}）。"
        )


def _date(value) -> dt.date:
    return value or timezone.localdate()


def recompute_due_date(request: DisclosureRequest) -> None:
    """The reply deadline for the current state (None when the clock is not running)."""
    if request.state == State.PROCESSING and request.clock_start:
        request.due_date = add_working_days(
            request.clock_start, REPLY_DAYS + request.extension_days + request.paused_days
        )
    elif request.state == State.CONSULTING and request.clock_start:
        # Latest possible deadline: the consultation may pause the clock at most 15 days.
        request.due_date = add_working_days(
            request.clock_start,
            REPLY_DAYS + request.extension_days + request.paused_days + CONSULTATION_DAYS,
        )
    else:
        request.due_date = None


def _save(request, user, action, data) -> DisclosureRequest:
    recompute_due_date(request)
    request.save()
    log(instance=request, action=f"disclosure_requests.{action}", user=user, data=data)
    return request


@transaction.atomic
def submit(request: DisclosureRequest, user=None) -> DisclosureRequest:
    """A new application: online ones wait for confirmation, others are received at once."""
    if request.channel == "online":
        request.state = State.SUBMITTED
        request.save()
        log(instance=request, action="disclosure_requests.submit", user=user, data={})
        return request
    received_on = _date(request.received_on)
    if received_on > timezone.localdate():
        raise WorkflowError("收到申请日期不能晚于今天。")
    if received_on < timezone.localtime(request.submitted_at).date():
        # Registered afterwards by staff: the paper application was handed in that day.
        request.submitted_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(9)))
    request.save()
    log(instance=request, action="disclosure_requests.submit", user=user, data={})
    return register(request, user=user, received_on=received_on)


@transaction.atomic
def register(request, user=None, received_on: dt.date | None = None) -> DisclosureRequest:
    """登记: the day the application counts as received; the 20-working-day clock starts."""
    _require(request, State.SUBMITTED, action="登记受理")
    received_on = _date(received_on)
    if received_on < timezone.localtime(request.submitted_at).date():
        raise WorkflowError("收到申请日期不能早于提交日期。")
    request.received_on = request.clock_start = received_on
    request.state = State.PROCESSING
    return _save(request, user, "register", {"received_on": received_on.isoformat()})


@transaction.atomic
def request_correction(
    request, user=None, on: dt.date | None = None, note: str = "", period: int | None = None
) -> DisclosureRequest:
    """补正告知: once, within 7 working days of receipt; the clock stops until it arrives."""
    _require(request, State.PROCESSING, action="要求补正")
    on = _date(on)
    if request.correction_requested_on:
        raise WorkflowError("补正只能一次性告知，本申请已要求过补正。")
    if not note.strip():
        raise WorkflowError("请写明需要补正的事项。")
    if working_days_between(request.received_on, on) > CORRECTION_WINDOW:
        raise WorkflowError("已超过收到申请之日起 7 个工作日，不能再要求补正。")
    period = period or DEFAULT_CORRECTION_PERIOD
    request.correction_requested_on = on
    request.correction_due = add_working_days(on, period)
    request.correction_note = note.strip()
    request.state = State.CORRECTING
    return _save(
        request,
        user,
        "request_correction",
        {"on": on.isoformat(), "due": request.correction_due.isoformat(), "note": note},
    )


@transaction.atomic
def receive_correction(request, user=None, on: dt.date | None = None) -> DisclosureRequest:
    """补正 received: the clock restarts from this day, with nothing carried over."""
    _require(request, State.CORRECTING, action="登记补正")
    on = _date(on)
    if on < request.correction_requested_on:
        raise WorkflowError("收到补正日期不能早于补正告知日期。")
    request.corrected_on = request.clock_start = on
    request.paused_days = 0
    request.state = State.PROCESSING
    return _save(request, user, "receive_correction", {"on": on.isoformat()})


@transaction.atomic
def lapse_correction(request, user=None, on: dt.date | None = None) -> DisclosureRequest:
    """No correction by the deadline: 视为放弃申请 (outcome 6.1)."""
    _require(request, State.CORRECTING, action="按逾期未补正处理")
    on = _date(on)
    if on <= request.correction_due:
        raise WorkflowError(f"补正期限 {request.correction_due:%Y-%m-%d} 尚未届满。")
    request.state = State.WITHDRAWN
    request.outcome = Outcome.OTHER_NO_CORRECTION
    request.replied_on = on
    return _save(request, user, "lapse_correction", {"on": on.isoformat()})


@transaction.atomic
def start_consultation(
    request, user=None, on: dt.date | None = None, party: str = ""
) -> DisclosureRequest:
    """征求第三方或其他机关意见: the clock pauses (at most 15 working days)."""
    _require(request, State.PROCESSING, action="征求意见")
    on = _date(on)
    if not party.strip():
        raise WorkflowError("请填写征求意见的对象。")
    if on < request.clock_start:
        raise WorkflowError("征求意见日期不能早于计时起算日。")
    request.consultation_started_on = on
    request.consultation_party = party.strip()
    request.state = State.CONSULTING
    return _save(request, user, "start_consultation", {"on": on.isoformat(), "party": party})


@transaction.atomic
def end_consultation(request, user=None, on: dt.date | None = None) -> DisclosureRequest:
    """Opinions received (or the 15 days are over): the clock runs again."""
    _require(request, State.CONSULTING, action="结束征求意见")
    on = _date(on)
    if on < request.consultation_started_on:
        raise WorkflowError("结束日期不能早于征求意见开始日期。")
    paused = min(working_days_between(request.consultation_started_on, on), CONSULTATION_DAYS)
    request.paused_days += paused
    request.state = State.PROCESSING
    return _save(request, user, "end_consultation", {"on": on.isoformat(), "paused": paused})


@transaction.atomic
def extend(
    request,
    user=None,
    days: int = MAX_EXTENSION,
    reason: str = "",
    approved_by: str = "",
    on: dt.date | None = None,
) -> DisclosureRequest:
    """延期: once, at most 20 working days, approved by the office's head, before the deadline."""
    _require(request, State.PROCESSING, State.CONSULTING, action="延期")
    if request.extension_days:
        raise WorkflowError("答复期限只能延长一次。")
    if not 1 <= int(days) <= MAX_EXTENSION:
        raise WorkflowError("延长的期限为 1 至 20 个工作日。")
    if not reason.strip() or not approved_by.strip():
        raise WorkflowError("延期须写明理由并经政府信息公开工作机构负责人同意。")
    if request.due_date and _date(on) > request.due_date:
        raise WorkflowError("答复期限已过，不能再延期。")
    request.extension_days = int(days)
    request.extension_reason = reason.strip()
    request.extension_approved_by = approved_by.strip()
    return _save(
        request,
        user,
        "extend",
        {
            "days": int(days),
            "reason": reason,
            "approved_by": approved_by,
            "on": _date(on).isoformat(),
        },
    )


@transaction.atomic
def reply(
    request,
    user=None,
    outcome: str = "",
    text: str = "",
    on: dt.date | None = None,
    files=(),
) -> DisclosureRequest:
    """答复 with a coded outcome and files (答复书, the information provided)."""
    _require(request, State.SUBMITTED, State.PROCESSING, action="答复")
    on = _date(on)
    if outcome not in Outcome.values:
        raise WorkflowError("请选择办理结果。")
    if outcome == Outcome.OTHER_NO_CORRECTION:
        raise WorkflowError("“逾期不补正”请在待补正状态下按逾期未补正处理。")
    if not text.strip():
        raise WorkflowError("请填写答复内容。")
    if request.state == State.SUBMITTED:
        request.received_on = request.clock_start = on
    request.state = State.REPLIED
    request.outcome = outcome
    request.reply_text = text.strip()
    request.replied_on = on
    overdue = bool(request.due_date and on > request.due_date)
    for upload in files:
        ReplyFile.objects.create(request=request, title=upload.name, file=upload)
    return _save(
        request,
        user,
        "reply",
        {"outcome": outcome, "on": on.isoformat(), "files": len(files), "overdue": overdue},
    )


@transaction.atomic
def withdraw(request, user=None, on: dt.date | None = None, reason: str = "") -> DisclosureRequest:
    """The applicant withdrew the application (outcome 6.3)."""
    _require(
        request, *[s for s in State if s not in (State.REPLIED, State.WITHDRAWN)], action="撤回"
    )
    on = _date(on)
    request.state = State.WITHDRAWN
    request.outcome = Outcome.OTHER
    request.replied_on = on
    return _save(request, user, "withdraw", {"on": on.isoformat(), "reason": reason})


def due_soon_and_overdue(queryset, today: dt.date | None = None, within: int = 5):
    """(due within ``within`` working days, overdue) among open applications: two queries."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, within)
    running = queryset.filter(
        state__in=(State.PROCESSING, State.CONSULTING), due_date__isnull=False
    )
    overdue = list(running.filter(due_date__lt=today).order_by("due_date"))
    soon = list(running.filter(due_date__gte=today, due_date__lte=horizon).order_by("due_date"))
    return soon, overdue


def remaining_working_days(request: DisclosureRequest, today: dt.date | None = None) -> int | None:
    if request.due_date is None:
        return None
    return working_days_between(today or timezone.localdate(), request.due_date)
