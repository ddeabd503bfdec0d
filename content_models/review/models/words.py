"""The word lists the information office maintains (敏感词 and common typos)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class WordLevel(models.TextChoices):
    BLOCK = "block", "禁用（阻止提交和发布）"
    WARN = "warn", "提醒（需确认后继续）"


class WordCategory(models.TextChoices):
    SENSITIVE = "sensitive", "敏感词"
    TYPO = "typo", "易错词"


class SensitiveWord(models.Model):
    word = models.CharField("词语", max_length=100, unique=True)
    level = models.CharField("级别", max_length=10, choices=WordLevel.choices)
    category = models.CharField(
        "类别", max_length=10, choices=WordCategory.choices, default=WordCategory.SENSITIVE
    )
    replacement = models.CharField(
        "建议改为", max_length=100, blank=True, help_text="可选：编辑看到的替换建议"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["level", "word"]
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"

    def __str__(self):
        return self.word

    def clean(self):
        self.word = (self.word or "").strip()
        self.replacement = (self.replacement or "").strip()
        if not self.word:
            raise ValidationError({"word": "词语不能为空"})
        if self.replacement and self.replacement == self.word:
            raise ValidationError({"replacement": "建议改为的内容不能与词语相同"})
