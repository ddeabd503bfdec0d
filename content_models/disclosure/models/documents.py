"""The disclosure document (政府信息公开文件) page with the standard metadata of product.md §4."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content_models.core.blocks import AttachmentBlock, BodyStreamBlock
from content_models.core.models import BasePage, PublishTimeMixin

from ..doc_numbers import doc_number_problem, normalise_doc_number
from ..taxonomy import (
    TOPIC_SEPARATOR,
    VALIDITY_TRANSITIONS,
    DisclosureMode,
    DocType,
    InfoCategory,
    LegalClass,
    Validity,
    normalise_topic,
    topic_choices,
    topic_values,
)
from .index_numbers import allocate_index_number

SUMMARY_MAX = 100


def organisation_for_path(path: str):
    """The issuing body of the nearest ancestor (or self) that is a cluster site's home page."""
    from content_models.organisations.models import Organisation

    paths = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    return (
        Organisation.objects.filter(cluster_sites__root_page__path__in=paths)
        .order_by("-cluster_sites__root_page__depth")
        .first()
    )


class DisclosureDocumentForm(WagtailAdminPageForm):
    """Pre-selects the issuing body of the site the document is created in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        if field is not None and not self.instance.organisation_id:
            parent = getattr(self, "parent_page", None)
            if parent is not None and parent.path:
                organisation = organisation_for_path(parent.path)
                if organisation is not None:
                    field.initial = organisation.pk


class DisclosureDocumentPage(PublishTimeMixin, BasePage):
    info_category = models.CharField(
        "信息类别", max_length=20, choices=InfoCategory.choices, default=InfoCategory.POLICY
    )
    index_number = models.CharField(
        "索引号",
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="首次发布时按发布机构的规则自动生成，此后不再改变。",
    )
    summary = models.TextField("内容概述", blank=True, help_text=f"不超过 {SUMMARY_MAX} 个字。")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="发布机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_documents",
        help_text="留空则使用本站点的主办机构。",
    )
    doc_number = models.CharField(
        "发文字号", max_length=60, blank=True, db_index=True, help_text="如：国办发〔2017〕47号"
    )
    written_date = models.DateField("成文日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=80, choices=topic_choices)
    doc_type = models.CharField(
        "体裁分类", max_length=10, choices=DocType.choices, default=DocType.NOTICE
    )
    legal_class = models.CharField(
        "文件类别",
        max_length=20,
        choices=LegalClass.choices,
        default=LegalClass.OTHER,
        help_text="年报“主动公开政府信息情况”按规章、行政规范性文件分别统计。",
    )
    keywords = models.CharField("主题词", max_length=200, blank=True)
    validity = models.CharField(
        "有效性", max_length=20, choices=Validity.choices, default=Validity.EFFECTIVE
    )
    validity_changed_on = models.DateField("修订或废止日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "disclosure.DisclosureDocumentPage",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="修订后的新文件或废止决定；已修订的文件必须填写。",
    )
    disclosure_mode = models.CharField(
        "公开方式", max_length=20, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    disclosure_scope = models.CharField("公开范围", max_length=60, default="面向社会")
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)
    attachments = StreamField([("attachment", AttachmentBlock())], verbose_name="附件", blank=True)
    import_key = models.CharField(
        "导入标识", max_length=120, null=True, blank=True, unique=True, editable=False
    )

    base_form_class = DisclosureDocumentForm
    exclude_fields_in_copy = ["index_number", "import_key"]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("info_category"), FieldPanel("organisation")]),
                FieldRowPanel([FieldPanel("doc_number"), FieldPanel("keywords")]),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_at")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("doc_type")]),
                FieldRowPanel(
                    [
                        FieldPanel("legal_class"),
                        FieldPanel("disclosure_mode"),
                        FieldPanel("disclosure_scope"),
                    ]
                ),
                FieldPanel("summary", widget=forms.Textarea(attrs={"rows": 3})),
            ],
            heading="公开要素",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_changed_on")]),
                PageChooserPanel("replaced_by", "disclosure.DisclosureDocumentPage"),
            ],
            heading="有效性",
        ),
        InlinePanel(
            "interpretation_links",
            heading="解读的政策文件",
            label="政策文件",
            help_text="仅政策解读填写；政策文件页面会自动显示其解读。",
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("doc_number"),
        index.SearchField("index_number"),
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("organisation"),
        index.FilterField("topic"),
        index.FilterField("doc_type"),
        index.FilterField("validity"),
        index.FilterField("publish_at"),
        index.FilterField("info_category"),
    ]
    parent_page_types = ["disclosure.DisclosureContentPage", "columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = "政府信息公开文件"
        verbose_name_plural = "政府信息公开文件"
        indexes = [models.Index(fields=["organisation", "publish_at"])]

    def __str__(self):
        return self.title

    # -- metadata helpers ---------------------------------------------------------------------
    @property
    def topic_first(self) -> str:
        return (self.topic or "").split(TOPIC_SEPARATOR)[0]

    @property
    def topic_display(self) -> str:
        return (self.topic or "").replace(TOPIC_SEPARATOR, "\\")

    @property
    def publish_date(self):
        return timezone.localtime(self.publish_at).date() if self.publish_at else None

    @property
    def is_superseded(self) -> bool:
        return self.validity != Validity.EFFECTIVE

    def search_metadata(self) -> dict:
        """Exact-lookup fields for the unified search (文号, 索引号) and its facets."""
        return {
            "doc_number": self.doc_number or "",
            "index_number": self.index_number or "",
            "topic": self.topic or "",
            "doc_type": self.doc_type or "",
        }

    def get_meta_column(self):
        if not hasattr(self, "_meta_column"):
            self._meta_column = self.get_parent().specific
        return self._meta_column

    def get_meta_description(self) -> str:
        return self.search_description or self.summary or ""

    # -- validation ---------------------------------------------------------------------------
    def clean_fields(self, exclude=None):
        # Spellings from legacy catalogues are normalised before the choices are checked.
        self.topic = normalise_topic(self.topic)
        self.doc_number = normalise_doc_number(self.doc_number)
        # The topic is checked in clean() against the taxonomy, with a clearer message.
        super().clean_fields(exclude={*(exclude or ()), "topic"})

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        self.doc_number = normalise_doc_number(self.doc_number)
        problem = doc_number_problem(self.doc_number)
        if problem:
            add("doc_number", problem)
        self.summary = (self.summary or "").strip()
        if len(self.summary) > SUMMARY_MAX:
            add(
                "summary", f"内容概述不能超过 {SUMMARY_MAX} 个字（当前 {len(self.summary)} 个字）。"
            )
        self.topic = normalise_topic(self.topic)
        if self.topic not in topic_values():
            add("topic", "请从主题分类表中选择一个二级分类（如：综合政务\\政务公开）。")
        if self.written_date and self.publish_date and self.written_date > self.publish_date:
            add("written_date", "成文日期不能晚于发布日期。")
        self._clean_validity(add)
        if self.info_category != InfoCategory.INTERPRETATION and self._interpreted_ids():
            add("info_category", "只有“政策解读”可以关联被解读的政策文件。")
        if errors:
            raise ValidationError(errors)

    def _interpreted_ids(self) -> list[int]:
        return [link.policy_id for link in self.interpretation_links.all() if link.policy_id]

    def _clean_validity(self, add) -> None:
        stored = None
        if self.pk:
            stored = (
                DisclosureDocumentPage.objects.filter(pk=self.pk)
                .values_list("validity", flat=True)
                .first()
            )
        if (
            stored
            and stored != self.validity
            and self.validity not in VALIDITY_TRANSITIONS.get(stored, set())
        ):
            add(
                "validity",
                f"有效性不能从“{Validity(stored).label}”改为“{Validity(self.validity).label}”；"
                "只允许从“有效”改为“已修订”或“已废止”。",
            )
        if self.validity == Validity.EFFECTIVE:
            if self.validity_changed_on or self.replaced_by_id:
                add("validity", "有效的文件不应填写修订或废止日期、替代文件。")
            return
        if not self.validity_changed_on:
            add("validity_changed_on", "已修订或已废止的文件必须填写修订或废止日期。")
        elif self.publish_date and self.validity_changed_on < self.publish_date:
            add("validity_changed_on", "修订或废止日期不能早于发布日期。")
        if self.replaced_by_id and self.pk and self.replaced_by_id == self.pk:
            add("replaced_by", "替代文件不能是本文件。")
        if self.validity == Validity.AMENDED and not self.replaced_by_id:
            add("replaced_by", "已修订的文件必须链接修订后的文件。")

    # -- saving -------------------------------------------------------------------------------
    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.organisation_id is None and self.path:
                self.organisation = organisation_for_path(self.path)
            if self.live and not self.index_number and self.organisation_id:
                self.index_number = allocate_index_number(
                    self.organisation, self.index_year(), page_id=self.pk
                )
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "index_number"}
            return super().save(*args, **kwargs)

    def index_year(self) -> int:
        return (self.publish_date or timezone.localdate()).year

    def with_content_json(self, content):
        """A revision never carries the 索引号: the one issued at first publication stays."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        obj.import_key = self.import_key
        return obj

    # -- rendering ----------------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = DisclosureDocumentPage.objects.live().public()
        context["interpretations"] = list(
            live.filter(interpretation_links__policy=self).distinct().order_by("-publish_at")
        )
        context["interpreted"] = list(
            live.filter(interpreted_by_links__interpretation=self)
            .distinct()
            .order_by("-publish_at")
        )
        context["replaces"] = list(live.filter(replaced_by=self).order_by("-publish_at"))
        replaced_by = self.replaced_by
        context["replacement"] = (
            replaced_by if replaced_by is not None and replaced_by.live else None
        )
        return context


class InterpretationLink(Orderable):
    """政策解读 → 政策文件; the policy page lists its interpretations through the reverse side."""

    interpretation = ParentalKey(
        DisclosureDocumentPage, on_delete=models.CASCADE, related_name="interpretation_links"
    )
    policy = models.ForeignKey(
        DisclosureDocumentPage,
        verbose_name="政策文件",
        on_delete=models.CASCADE,
        related_name="interpreted_by_links",
    )

    panels = [PageChooserPanel("policy", "disclosure.DisclosureDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = "解读关系"
        verbose_name_plural = "解读关系"
        constraints = [
            models.UniqueConstraint(
                fields=["interpretation", "policy"], name="disclosure_unique_interpretation_link"
            )
        ]

    def clean(self):
        super().clean()
        if self.policy_id and self.interpretation_id and self.policy_id == self.interpretation_id:
            raise ValidationError({"policy": "政策解读不能解读自身。"})
