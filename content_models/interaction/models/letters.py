"""Letters (来信) to a mailbox: what the citizen wrote, where it went, the reply, publication.

State changes go through :mod:`content_models.interaction.workflow`, which records each one as
a :class:`LetterEvent` (the history staff and, in part, the citizen see).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from content_models.core.tracking import tracking_code

from ..attachments import private_storage


class LetterType(models.TextChoices):
    CONSULT = "consult", "咨询"
    COMPLAINT = "complaint", "投诉"
    SUGGESTION = "suggestion", "建议"
    HELP = "help", "求助"
    REPORT = "report", "举报"
    OTHER = "other", "其他"


class State(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "办理中"
    FORWARDED = "forwarded", "已转办"
    REPLIED = "replied", "已答复"
    REJECTED = "rejected", "不予受理"


OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.FORWARDED)


def new_tracking_code() -> str:
    return tracking_code("XJ", "%y%m%d", 8)


class Letter(models.Model):
    tracking_code = models.CharField("查询码", max_length=20, unique=True, editable=False)
    mailbox = models.ForeignKey(
        "interaction.MailboxPage",
        verbose_name="当前信箱",
        on_delete=models.PROTECT,
        related_name="letters",
    )
    first_mailbox = models.ForeignKey(
        "interaction.MailboxPage",
        verbose_name="来信信箱",
        on_delete=models.PROTECT,
        related_name="+",
    )
    site_home = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="办理站点",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="当前信箱所在站点的首页；决定哪个站点的工作人员可以看到本信件。",
    )
    # What the citizen wrote (plain text, see citizen_text.plain)
    letter_type = models.CharField("来信类型", max_length=20, choices=LetterType.choices)
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("内容", max_length=5000)
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    may_publish = models.BooleanField("同意公开", default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公众账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interaction_letters",
        help_text="写信时已登录的公众账号，或之后凭查询码认领的账号；在“我的办件”中可见。",
    )
    # Handling
    state = models.CharField(
        "办理状态", max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    suspected_spam = models.BooleanField("疑似垃圾信息", default=False)
    spam_reason = models.CharField("判定依据", max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    submitted_at = models.DateTimeField("来信时间", default=timezone.now)
    received_on = models.DateField("收信日期")
    due_on = models.DateField("答复时限", db_index=True)
    hard_limit_on = models.DateField("三个月期限", db_index=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_text = models.TextField("答复内容", blank=True, max_length=5000)
    reply_body = models.CharField("答复单位", max_length=100, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handling_days = models.PositiveSmallIntegerField("办理用时（工作日）", null=True, blank=True)
    reject_reason = models.CharField("不予受理理由", max_length=300, blank=True)
    # Publication (personal data removed)
    is_published = models.BooleanField("已公开", default=False, db_index=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_body = models.TextField("公开内容", blank=True, max_length=5000)
    public_reply = models.TextField("公开答复", blank=True, max_length=5000)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["site_home", "state", "due_on"]),
            models.Index(fields=["is_published", "-published_at"]),
        ]

    def __str__(self):
        return f"{self.tracking_code} {self.subject}"

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            self.tracking_code = new_tracking_code()
            while Letter.objects.filter(tracking_code=self.tracking_code).exists():
                self.tracking_code = new_tracking_code()
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def contact_matches(self, contact: str) -> bool:
        """Tracking needs the code and the phone or e-mail given in the letter."""
        contact = "".join((contact or "").split()).lower()
        known = {"".join(self.phone.split()).lower(), self.email.strip().lower()} - {""}
        return bool(contact) and contact in known

    def working_days_left(self, today=None) -> int | None:
        from ..deadlines import working_days_left

        return working_days_left(self.due_on, today) if self.is_open else None

    @property
    def is_past_target(self) -> bool:
        return self.is_open and timezone.localdate() > self.due_on

    @property
    def is_past_hard_limit(self) -> bool:
        return self.is_open and timezone.localdate() > self.hard_limit_on


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "来信"
    ACCEPTED = "accepted", "受理"
    FORWARDED = "forwarded", "转办"
    REPLIED = "replied", "答复"
    REJECTED = "rejected", "不予受理"
    PUBLISHED = "published", "公开"
    UNPUBLISHED = "unpublished", "取消公开"
    NOTE = "note", "备注"


# What the citizen sees of the history when tracking a letter.
PUBLIC_EVENTS = (
    EventKind.SUBMITTED,
    EventKind.ACCEPTED,
    EventKind.FORWARDED,
    EventKind.REPLIED,
    EventKind.REJECTED,
)


class LetterEvent(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("环节", max_length=20, choices=EventKind.choices)
    from_body = models.CharField("原办理单位", max_length=100, blank=True)
    to_body = models.CharField("转至单位", max_length=100, blank=True)
    from_mailbox = models.ForeignKey(
        "interaction.MailboxPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_mailbox = models.ForeignKey(
        "interaction.MailboxPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("说明", blank=True, max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.letter.tracking_code} {self.get_kind_display()}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_EVENTS


def attachment_upload_to(instance, filename):
    return f"interaction/letters/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{filename}"


class LetterAttachment(models.Model):
    """A file a citizen attached: checked, images re-encoded, kept out of public media."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", storage=private_storage, upload_to=attachment_upload_to)
    original_name = models.CharField("原文件名", max_length=120)
    content_type = models.CharField("类型", max_length=60)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "来信附件"
        verbose_name_plural = "来信附件"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name
