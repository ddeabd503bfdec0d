"""报送: offer a published article to another site, and the receiver's accept or decline.

Every step is one transaction and leaves an audit-log entry on the source page
(``sharing.offer`` / ``sharing.accept`` / ``sharing.decline`` / ``sharing.withdraw``), so the
page's history and the site history report show who shared what with whom. Accepting creates a
引用 (:class:`~content_models.sharing.models.ReferencePage`), not a copy: the receiver shows
the sender's current text, and the sender's unpublishing withdraws it everywhere.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import log

from .models import OfferStatus, ShareOffer
from .references import add_reference
from .sites import site_home_of, site_is_active, site_name

logger = logging.getLogger(__name__)

LOG_ACTIONS = {
    "offer": "报送",
    "accept": "采用报送",
    "decline": "退回报送",
    "withdraw": "撤回报送",
    "distribute": "分发",
}


def _log(offer: ShareOffer, action: str, user, **data) -> None:
    log(
        instance=offer.source,
        action=f"sharing.{action}",
        user=user,
        data={
            "offer": offer.pk,
            "sender": site_name(offer.sender_home),
            "receiver": site_name(offer.receiver_home),
            **data,
        },
    )


@transaction.atomic
def offer(source, receiver_home, *, user=None, message: str = "") -> ShareOffer:
    """Offer ``source`` (a live article) to the site whose home is ``receiver_home``."""
    source = source.specific
    if not source.live:
        raise ValidationError("只能报送已发布的文章。")
    sender_home = site_home_of(source)
    if sender_home is None or not site_is_active(sender_home):
        raise ValidationError("该文章不属于运行中的站点。")
    receiver_home = site_home_of(receiver_home)
    if not site_is_active(receiver_home):
        raise ValidationError("接收站点不存在或已归档。")
    if receiver_home.pk == sender_home.pk:
        raise ValidationError("不能报送给本站。")
    try:
        with transaction.atomic():
            share = ShareOffer.objects.create(
                source=source,
                sender_home=sender_home,
                receiver_home=receiver_home,
                message=message.strip(),
                offered_by=user,
            )
    except IntegrityError as error:
        raise ValidationError(
            f"该文章已报送给“{site_name(receiver_home)}”，正在等待对方处理。"
        ) from error
    _log(share, "offer", user, message=share.message)
    logger.info(
        "Offer %s: page %s from site home %s to %s",
        share.pk,
        source.pk,
        sender_home.pk,
        receiver_home.pk,
    )
    return share


def _lock_pending(share: ShareOffer) -> ShareOffer:
    share = ShareOffer.objects.select_for_update().select_related("source").get(pk=share.pk)
    if share.status != OfferStatus.PENDING:
        raise ValidationError(f"该报送已{share.get_status_display()}，不能再处理。")
    return share


@transaction.atomic
def accept(share: ShareOffer, column, *, user=None):
    """Publish a 引用 of the offered article in ``column`` of the receiving site."""
    share = _lock_pending(share)
    if not column.path.startswith(share.receiver_home.path) or column.pk == share.receiver_home.pk:
        raise ValidationError("请选择本站的栏目。")
    if site_home_of(column).pk != share.receiver_home_id:
        raise ValidationError("请选择本站的栏目（不能选择下级站点的栏目）。")
    if not share.source.live:
        raise ValidationError("原文已撤销发布，无法采用。")
    reference = add_reference(share.source, column, user=user)
    share.status = OfferStatus.ACCEPTED
    share.column = column
    share.reference = reference
    share.decided_by = user
    share.decided_at = timezone.now()
    share.save(update_fields=["status", "column", "reference", "decided_by", "decided_at"])
    _log(share, "accept", user, column=column.title, reference=reference.pk)
    return reference


@transaction.atomic
def decline(share: ShareOffer, reason: str, *, user=None) -> ShareOffer:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写退回理由。")
    share = _lock_pending(share)
    share.status = OfferStatus.DECLINED
    share.reason = reason
    share.decided_by = user
    share.decided_at = timezone.now()
    share.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _log(share, "decline", user, reason=reason)
    return share


@transaction.atomic
def withdraw(share: ShareOffer, *, user=None) -> ShareOffer:
    share = _lock_pending(share)
    share.status = OfferStatus.WITHDRAWN
    share.decided_by = user
    share.decided_at = timezone.now()
    share.save(update_fields=["status", "decided_by", "decided_at"])
    _log(share, "withdraw", user)
    return share
