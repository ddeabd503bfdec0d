"""Mailbox pages (领导信箱 / 部门信箱 / 咨询 / 投诉) and the public list of published letters."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content_models.core.models import BasePage

from ..deadlines import DEFAULT_TARGET_DAYS

INTERACTION_PARENTS = ["columns.ColumnPage", "home.PortalHomePage", "home.MemberSiteHomePage"]


def site_home_of(page: Page) -> Page:
    """The home page of the site ``page`` belongs to (the deepest ancestor with a ClusterSite)."""
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    home = (
        Page.objects.filter(path__in=paths, cluster_site__isnull=False).order_by("-depth").first()
    )
    if home is None:  # outside any cluster site: the top page under the tree root
        home = Page.objects.filter(path__in=paths, depth=2).first() or page
    return home


def validate_email_list(value: str) -> None:
    for address in split_emails(value):
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationError(f"“{address}”不是有效的电子邮箱。") from exc


def split_emails(value: str) -> list[str]:
    return [
        part.strip()
        for part in (value or "").replace("；", ",").replace(";", ",").split(",")
        if part.strip()
    ]


class InteractionPageMixin:
    """Meta tags: an interaction page is its own 互动交流 column."""

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "interaction"

    def get_column_type_display(self):
        return "互动交流"


class MailboxKind(models.TextChoices):
    LEADER = "leader", "领导信箱"
    DEPARTMENT = "department", "部门信箱"
    CONSULT = "consult", "咨询"
    COMPLAINT = "complaint", "投诉"


class MailboxPage(InteractionPageMixin, RoutablePageMixin, BasePage):
    kind = models.CharField(
        "信箱类型", max_length=20, choices=MailboxKind.choices, default=MailboxKind.LEADER
    )
    recipient = models.CharField(
        "收信人", max_length=60, blank=True, help_text="如：区长、局长；留空则显示本单位名称。"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="办理单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="留空则为本站点的主办机构。",
    )
    intro = models.TextField("来信须知", blank=True, max_length=2000)
    target_days = models.PositiveSmallIntegerField(
        "答复时限（工作日）",
        default=DEFAULT_TARGET_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="自收信次日起计算的工作日数；无论时限如何，超过三个月未答复即为检查不合格。",
    )
    notify_emails = models.CharField(
        "新来信通知邮箱",
        max_length=300,
        blank=True,
        validators=[validate_email_list],
        help_text="多个邮箱用逗号分隔；有新来信或转办来信时发送通知。",
    )
    accepts_letters = models.BooleanField("接收来信", default=True)

    blueprint_page_type = "mailbox"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("recipient")]),
        FieldPanel("organisation"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("target_days"), FieldPanel("accepts_letters")]),
        FieldPanel("notify_emails"),
    ]
    parent_page_types = INTERACTION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = "信箱"
        verbose_name_plural = "信箱"

    def site_home(self) -> Page:
        return site_home_of(self)

    def body_name(self) -> str:
        """The body that answers letters in this mailbox (shown to citizens and in history)."""
        if self.organisation_id:
            return self.organisation.name
        home = self.site_home()
        site = getattr(home, "cluster_site", None)
        return site.name if site is not None else home.title

    def display_name(self) -> str:
        return f"{self.body_name()} · {self.title}"

    def published_letters(self):
        from .letters import Letter

        return Letter.objects.filter(is_published=True, mailbox=self)

    @path("")
    def write(self, request):
        from ..public_views import write_letter

        return write_letter(self, request)

    @path("track/")
    def track(self, request):
        from ..public_views import track_letter

        return track_letter(self, request)

    @path("captcha/")
    def captcha(self, request):
        from ..public_views import captcha_image

        return captcha_image(request, request.GET.get("t", ""))

    @path("letters/<int:letter_id>/")
    def letter(self, request, letter_id):
        from ..public_views import published_letter

        return published_letter(self, request, letter_id)


class LetterListPage(InteractionPageMixin, RoutablePageMixin, BasePage):
    """信件公开: published letters of this site (on the portal: of every site), searchable."""

    intro = models.TextField("说明", blank=True, max_length=500)
    per_page = models.PositiveSmallIntegerField("每页条数", default=20)

    blueprint_page_type = "letter_list"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = INTERACTION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = "信件公开"
        verbose_name_plural = "信件公开"

    def site_home(self) -> Page:
        return site_home_of(self)

    def is_cluster_wide(self) -> bool:
        site = getattr(self.site_home(), "cluster_site", None)
        return site is not None and site.kind == "portal"

    def published_letters(self):
        """Published letters answered on this site; the portal's list covers every site."""
        from .letters import Letter

        letters = Letter.objects.filter(is_published=True)
        if self.is_cluster_wide():
            return letters
        return letters.filter(site_home=self.site_home())

    @path("")
    def listing(self, request):
        from ..public_views import letter_list

        return letter_list(self, request)

    @path("<int:letter_id>/")
    def letter(self, request, letter_id):
        from ..public_views import published_letter

        return published_letter(self, request, letter_id)
