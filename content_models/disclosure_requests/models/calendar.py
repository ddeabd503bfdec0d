"""The official holiday calendar (节假日安排), maintained by the information office."""

from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday rule: a holiday, or a weekend day worked."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=40, help_text="如：春节、国庆节调休上班")
    note = models.CharField(
        "依据", max_length=200, blank=True, help_text="如：国办发明电〔2024〕12号"
    )

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"
