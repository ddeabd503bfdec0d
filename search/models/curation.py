"""What the information office curates: synonyms (发改委 = 发展和改革委员会) and best bets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel


def _lines(text: str) -> list[str]:
    seen = []
    for line in (text or "").replace("，", "\n").replace(",", "\n").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


class Synonym(models.Model):
    """A group of interchangeable terms; a query for any of them finds all of them."""

    term = models.CharField("词语", max_length=60, unique=True, help_text="如：发改委")
    equivalents = models.TextField(
        "同义词", help_text="每行一个（或用逗号分隔），如：发展和改革委员会、发展改革委"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("equivalents")]

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} = {'、'.join(self.equivalent_list)}"

    @property
    def equivalent_list(self) -> list[str]:
        return [item for item in _lines(self.equivalents) if item != self.term]

    @property
    def group(self) -> list[str]:
        return [self.term, *self.equivalent_list]

    def clean(self):
        super().clean()
        self.term = self.term.strip()
        if not self.equivalent_list:
            raise ValidationError({"equivalents": "请至少填写一个同义词。"})


class BestBetQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class BestBet(models.Model):
    """推荐结果: a page shown above the results for given queries until it expires."""

    keywords = models.TextField(
        "触发词", help_text="每行一个（或用逗号分隔）；检索词与其中之一相同时显示。"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="推荐页面", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示标题", max_length=200, blank=True, help_text="留空使用页面标题")
    description = models.CharField("说明", max_length=300, blank=True)
    site = models.ForeignKey(
        "tenancy.ClusterSite",
        verbose_name="仅在此站点显示",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空表示在全区所有站点的搜索中显示。",
    )
    expires_at = models.DateTimeField("失效时间", null=True, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = BestBetQuerySet.as_manager()

    panels = [
        FieldPanel("keywords"),
        PageChooserPanel("page"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("description")]),
        FieldRowPanel([FieldPanel("site"), FieldPanel("expires_at"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{'、'.join(self.keyword_list)} → {self.title or self.page.title}"

    @property
    def keyword_list(self) -> list[str]:
        return _lines(self.keywords)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def clean(self):
        super().clean()
        if not self.keyword_list:
            raise ValidationError({"keywords": "请至少填写一个触发词。"})
