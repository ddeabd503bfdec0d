"""What happens to a letter and to a consultation comment; every step is recorded.

Each letter transition checks the current state, saves the letter and writes a
:class:`LetterEvent` in one transaction; e-mail goes out after the commit. Errors are
:class:`WorkflowError` with a Chinese message for staff.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from . import notifications
from .citizen_text import personal_data_left, plain
from .deadlines import handling_days, hard_limit_date, target_date
from .models import (
    OPEN_STATES,
    CommentState,
    ConsultationComment,
    EventKind,
    Letter,
    LetterAttachment,
    LetterEvent,
    MailboxPage,
    State,
)
from .spam import fingerprint


class WorkflowError(ValueError):
    """A step that is not allowed now; the message is shown to staff."""


def _require(letter: Letter, states, action: str) -> None:
    if letter.state not in states:
        raise WorkflowError(f"信件当前为“{letter.get_state_display()}”，不能{action}。")


def _event(letter, kind, user=None, **fields) -> LetterEvent:
    return LetterEvent.objects.create(letter=letter, kind=kind, user=user, **fields)


@transaction.atomic
def submit(
    mailbox: MailboxPage,
    *,
    letter_type: str,
    subject: str,
    body: str,
    name: str,
    phone: str = "",
    email: str = "",
    may_publish: bool = False,
    attachments=(),
    spam_reasons=(),
    now=None,
    owner=None,
) -> Letter:
    """A citizen's letter arrives: tracking code, deadlines, attachments, the first event."""
    now = now or timezone.now()
    received_on = timezone.localtime(now).date()
    subject, body, name = (
        plain(subject, single_line=True),
        plain(body),
        plain(name, single_line=True),
    )
    letter = Letter.objects.create(
        mailbox=mailbox,
        first_mailbox=mailbox,
        site_home=mailbox.site_home(),
        letter_type=letter_type,
        subject=subject,
        body=body,
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        may_publish=may_publish,
        owner=owner if owner is not None and owner.is_authenticated else None,
        suspected_spam=bool(spam_reasons),
        spam_reason="；".join(spam_reasons)[:200],
        fingerprint=fingerprint(phone or email, subject, body),
        submitted_at=now,
        received_on=received_on,
        due_on=target_date(received_on, mailbox.target_days),
        hard_limit_on=hard_limit_date(received_on),
    )
    for checked in attachments:
        LetterAttachment.objects.create(
            letter=letter,
            file=checked.content,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
        )
    _event(
        letter, EventKind.SUBMITTED, to_body=mailbox.body_name(), to_mailbox=mailbox, created_at=now
    )
    transaction.on_commit(lambda: notifications.new_letter(letter, mailbox))
    return letter


@transaction.atomic
def accept(letter: Letter, user=None, note: str = "") -> Letter:
    """受理: the body takes the letter on."""
    _require(letter, (State.SUBMITTED, State.FORWARDED), "受理")
    letter.state = State.ACCEPTED
    letter.accepted_at = timezone.now()
    letter.save()
    _event(letter, EventKind.ACCEPTED, user, to_body=letter.mailbox.body_name(), note=plain(note))
    return letter


@transaction.atomic
def forward(letter: Letter, to_mailbox: MailboxPage, user=None, note: str = "") -> Letter:
    """转办 to another body's mailbox; its target applies, the dates still run from arrival."""
    _require(letter, OPEN_STATES, "转办")
    if to_mailbox.pk == letter.mailbox_id:
        raise WorkflowError("不能转办到当前信箱。")
    if not to_mailbox.live:
        raise WorkflowError("目标信箱未发布，不能转办。")
    if not plain(note):
        raise WorkflowError("请填写转办说明。")
    source = letter.mailbox
    letter.mailbox = to_mailbox
    letter.site_home = to_mailbox.site_home()
    letter.state = State.FORWARDED
    letter.due_on = target_date(letter.received_on, to_mailbox.target_days)
    letter.save()
    _event(
        letter,
        EventKind.FORWARDED,
        user,
        from_body=source.body_name(),
        to_body=to_mailbox.body_name(),
        from_mailbox=source,
        to_mailbox=to_mailbox,
        note=plain(note),
    )
    transaction.on_commit(lambda: notifications.new_letter(letter, to_mailbox, forwarded=True))
    return letter


@transaction.atomic
def reply(letter: Letter, text: str, user=None, on=None) -> Letter:
    """答复: the reply the citizen reads when tracking (and in an e-mail, if they gave one)."""
    _require(letter, OPEN_STATES, "答复")
    text = plain(text)
    if not text:
        raise WorkflowError("请填写答复内容。")
    on = on or timezone.localdate()
    if on < letter.received_on:
        raise WorkflowError("答复日期不能早于收信日期。")
    letter.state = State.REPLIED
    letter.reply_text = text
    letter.reply_body = letter.mailbox.body_name()
    letter.replied_by = user
    letter.replied_on = on
    letter.replied_at = timezone.now()
    letter.handling_days = handling_days(letter.received_on, on)
    letter.save()
    _event(letter, EventKind.REPLIED, user, to_body=letter.reply_body)
    transaction.on_commit(lambda: notifications.letter_replied(letter))
    return letter


@transaction.atomic
def reject(letter: Letter, reason: str, user=None) -> Letter:
    """不予受理 (spam, abuse, not a matter for this channel), with the reason the citizen sees."""
    _require(letter, OPEN_STATES, "不予受理")
    reason = plain(reason, single_line=True)
    if not reason:
        raise WorkflowError("请填写不予受理的理由。")
    letter.state = State.REJECTED
    letter.reject_reason = reason[:300]
    letter.replied_on = timezone.localdate()
    letter.replied_at = timezone.now()
    letter.handling_days = handling_days(letter.received_on, letter.replied_on)
    letter.save()
    _event(letter, EventKind.REJECTED, user, note=letter.reject_reason)
    return letter


@transaction.atomic
def publish(letter: Letter, *, subject: str, body: str, reply_text: str, user=None) -> Letter:
    """公开: letter and reply, as edited by staff, with no personal data left in them."""
    if letter.state != State.REPLIED:
        raise WorkflowError("只有已答复的信件可以公开。")
    if not letter.may_publish:
        raise WorkflowError("来信人未同意公开，不能公开本信件。")
    subject, body, reply_text = plain(subject, single_line=True), plain(body), plain(reply_text)
    if not (subject and body and reply_text):
        raise WorkflowError("公开标题、公开内容和公开答复都不能为空。")
    problems = personal_data_left("\n".join((subject, body, reply_text)))
    name = letter.name.strip()
    if len(name) >= 2 and name in "\n".join((subject, body, reply_text)):
        problems.append("来信人姓名")
    if problems:
        raise WorkflowError(
            "公开内容中仍含有个人信息（" + "、".join(problems) + "），请删除后再公开。"
        )
    letter.public_subject, letter.public_body, letter.public_reply = subject, body, reply_text
    letter.is_published = True
    letter.published_at = letter.published_at or timezone.now()
    letter.save()
    _event(letter, EventKind.PUBLISHED, user)
    return letter


@transaction.atomic
def unpublish(letter: Letter, user=None, note: str = "") -> Letter:
    if not letter.is_published:
        raise WorkflowError("本信件尚未公开。")
    letter.is_published = False
    letter.save()
    _event(letter, EventKind.UNPUBLISHED, user, note=plain(note))
    return letter


@transaction.atomic
def add_note(letter: Letter, note: str, user=None) -> LetterEvent:
    note = plain(note)
    if not note:
        raise WorkflowError("请填写备注内容。")
    return _event(letter, EventKind.NOTE, user, note=note)


# -- consultation comments ------------------------------------------------------------------


@transaction.atomic
def submit_comment(consultation, *, name: str, contact: str, text: str, spam_reasons=()):
    if not consultation.is_open:
        raise WorkflowError("本次意见征集不在征集期内。")
    text = plain(text)
    contact = "".join(contact.split())
    return ConsultationComment.objects.create(
        consultation=consultation,
        site_home=consultation.site_home(),
        name=plain(name, single_line=True),
        contact=contact,
        text=text,
        suspected_spam=bool(spam_reasons),
        spam_reason="；".join(spam_reasons)[:200],
        fingerprint=fingerprint(contact, text),
    )


@transaction.atomic
def moderate(comment, *, state: str, adoption: str = "", note: str = "", user=None):
    """审核 (shown or not) and, once the consultation has closed, 采纳情况."""
    if state not in CommentState.values:
        raise WorkflowError("请选择审核结果。")
    if adoption and state != CommentState.APPROVED:
        raise WorkflowError("只有审核通过的意见才能标注采纳情况。")
    comment.state = state
    comment.adoption = adoption
    comment.adoption_note = plain(note)
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save()
    return comment
