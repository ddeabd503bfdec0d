"""依申请公开: an application for government information and its statutory clock (条例 2019).

The clock fields are changed only through :mod:`..workflow`, which checks each transition
and writes it to Wagtail's audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from content_models.core.tracking import tracking_code


class ApplicantType(models.TextChoices):
    """Columns of the annual report's table 三 (国办公开办函〔2021〕30号)."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他法人或其他组织"


class Channel(models.TextChoices):
    """How the application arrived; the day it counts as received depends on it (第31条)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    MAIL = "mail", "信函"
    FAX = "fax", "传真"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查看"


class State(models.TextChoices):
    SUBMITTED = "submitted", "待登记"
    PROCESSING = "processing", "办理中"
    CORRECTING = "correcting", "待补正"
    CONSULTING = "consulting", "征求意见中"
    REPLIED = "replied", "已答复"
    WITHDRAWN = "withdrawn", "已撤回或视为放弃"


OPEN_STATES = (State.SUBMITTED, State.PROCESSING, State.CORRECTING, State.CONSULTING)


class Outcome(models.TextChoices):
    """办理结果, coded as the rows of the annual report's table 三 (国办公开办函〔2021〕30号)."""

    GRANTED = "1", "予以公开"
    PARTIAL = "2", "部分公开"
    DENIED_SECRET = "3.1", "不予公开：属于国家秘密"
    DENIED_LAW = "3.2", "不予公开：其他法律行政法规禁止公开"
    DENIED_SAFETY = "3.3", "不予公开：危及“三安全一稳定”"
    DENIED_THIRD_PARTY = "3.4", "不予公开：保护第三方合法权益"
    DENIED_INTERNAL = "3.5", "不予公开：属于三类内部事务信息"
    DENIED_PROCESS = "3.6", "不予公开：属于四类过程性信息"
    DENIED_ENFORCEMENT = "3.7", "不予公开：属于行政执法案卷"
    DENIED_QUERY = "3.8", "不予公开：属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "4.1", "无法提供：本机关不掌握相关政府信息"
    UNAVAILABLE_NOT_EXISTING = "4.2", "无法提供：没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "4.3", "无法提供：补正后申请内容仍不明确"
    NOT_HANDLED_COMPLAINT = "5.1", "不予处理：信访举报投诉类申请"
    NOT_HANDLED_REPEAT = "5.2", "不予处理：重复申请"
    NOT_HANDLED_PUBLICATION = "5.3", "不予处理：要求提供公开出版物"
    NOT_HANDLED_ABUSIVE = "5.4", "不予处理：无正当理由大量反复申请"
    NOT_HANDLED_CONFIRM = "5.5", "不予处理：要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "6.1", "其他处理：申请人无正当理由逾期不补正、行政机关不再处理"
    OTHER_NO_FEE = "6.2", "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理"
    OTHER = "6.3", "其他处理：其他"


def new_tracking_code() -> str:
    return tracking_code("YSQ", "%Y%m%d", 6)


class DisclosureRequest(models.Model):
    tracking_code = models.CharField("查询码", max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="受理机关",
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    # Applicant
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=30, default="居民身份证")
    id_number = models.CharField("证件号码", max_length=40)
    legal_representative = models.CharField("法定代表人或负责人", max_length=60, blank=True)
    contact_person = models.CharField("联系人", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公众账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_requests",
        help_text="提交时已登录的公众账号，或之后凭查询码认领的账号；在“我的办件”中可见。",
    )
    # What is asked for
    description = models.TextField("所需政府信息的内容描述", max_length=2000)
    document_hint = models.CharField("政府信息的名称、文号或其他特征", max_length=200, blank=True)
    delivery_method = models.CharField(
        "获取方式", max_length=20, choices=DeliveryMethod.choices, default=DeliveryMethod.EMAIL
    )
    # Receipt and the clock
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    state = models.CharField(
        "办理状态", max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    clock_start = models.DateField("计时起算日", null=True, blank=True, editable=False)
    paused_days = models.PositiveSmallIntegerField("暂停计时的工作日", default=0, editable=False)
    extension_days = models.PositiveSmallIntegerField("延期工作日", default=0, editable=False)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True, editable=False)
    extension_approved_by = models.CharField(
        "延期批准人", max_length=60, blank=True, editable=False
    )
    correction_requested_on = models.DateField(
        "补正告知日期", null=True, blank=True, editable=False
    )
    correction_due = models.DateField("补正期限", null=True, blank=True, editable=False)
    correction_note = models.TextField("补正要求", blank=True, editable=False)
    corrected_on = models.DateField("收到补正日期", null=True, blank=True, editable=False)
    consultation_started_on = models.DateField(
        "征求意见开始日期", null=True, blank=True, editable=False
    )
    consultation_party = models.CharField(
        "征求意见对象", max_length=200, blank=True, editable=False
    )
    due_date = models.DateField("答复期限", null=True, blank=True, editable=False, db_index=True)
    # Reply
    replied_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    outcome = models.CharField(
        "办理结果", max_length=4, choices=Outcome.choices, blank=True, editable=False
    )
    reply_text = models.TextField("答复内容", blank=True, editable=False)
    staff_note = models.TextField("内部备注", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "依申请公开申请"
        verbose_name_plural = "依申请公开申请"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "state", "due_date"])]

    def __str__(self):
        return f"{self.tracking_code} {self.applicant_name}"

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            self.tracking_code = new_tracking_code()
            while DisclosureRequest.objects.filter(tracking_code=self.tracking_code).exists():
                self.tracking_code = new_tracking_code()
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def outcome_group(self) -> str:
        return (self.outcome or "").split(".")[0]

    def contact_matches(self, contact: str) -> bool:
        contact = (contact or "").strip().lower()
        return bool(contact) and contact in {self.phone.strip().lower(), self.email.strip().lower()}


def reply_upload_to(instance, filename):
    return f"disclosure_replies/{instance.request.tracking_code}/{filename}"


class ReplyFile(models.Model):
    """A file sent with the reply (答复书, the information itself); only the applicant gets it."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reply_files"
    )
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to=reply_upload_to)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复文件"
        verbose_name_plural = "答复文件"
        ordering = ["pk"]

    def __str__(self):
        return self.title
