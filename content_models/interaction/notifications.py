"""E-mail: staff hear of new and forwarded letters; citizens who gave an address get the reply.

Plain text with an HTML alternative; both are rendered by templates with autoescaping, and the
subject line is one line of plain text (so a letter's subject cannot inject headers).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .citizen_text import plain

logger = logging.getLogger(__name__)


def _send(subject: str, recipients: list[str], template: str, context: dict) -> None:
    if not recipients:
        return
    subject = plain(subject, single_line=True)[:120]
    text = render_to_string(f"interaction/email/{template}.txt", context)
    html = render_to_string(f"interaction/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=recipients)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # mail trouble must never lose a letter; staff see it in the admin
        logger.exception("Could not send %s e-mail to %d recipient(s)", template, len(recipients))


def _admin_url(letter) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + reverse("interaction_letters:detail", args=[letter.pk])


def new_letter(letter, mailbox, forwarded: bool = False) -> None:
    from .models.mailboxes import split_emails

    kind = "转办来信" if forwarded else "新来信"
    _send(
        f"【{kind}】{letter.subject}",
        split_emails(mailbox.notify_emails),
        "new_letter",
        {
            "letter": letter,
            "mailbox": mailbox,
            "forwarded": forwarded,
            "admin_url": _admin_url(letter),
        },
    )


def letter_replied(letter) -> None:
    if letter.email:
        _send(
            f"您的来信已答复（查询码 {letter.tracking_code}）",
            [letter.email],
            "letter_replied",
            {"letter": letter},
        )
