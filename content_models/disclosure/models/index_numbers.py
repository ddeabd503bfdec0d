"""索引号 allocation: one counter row per issuing body per year, locked while a page is published.

The counter is incremented inside the publish transaction (``Revision.publish`` is atomic), so a
rolled-back publication gives its number back and committed numbers have no gaps. Every number
ever issued is also written to a ledger with a unique constraint: a number is never issued twice,
even after its page is deleted or the body changes its format.
"""

from __future__ import annotations

import re
import string

from django.db import IntegrityError, models, transaction


class IndexNumberCounter(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="index_number_counters",
    )
    year = models.PositiveSmallIntegerField("年份")
    last_serial = models.PositiveIntegerField("已分配的最大流水号", default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="disclosure_one_counter_per_body_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"


class IssuedIndexNumber(models.Model):
    """Ledger of every 索引号 ever issued; never deleted, so numbers are never reused."""

    number = models.CharField("索引号", max_length=60, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年份")
    serial = models.PositiveIntegerField("流水号", null=True)
    page_id_at_issue = models.PositiveBigIntegerField("页面 ID", null=True)
    issued_at = models.DateTimeField("分配时间", auto_now_add=True)

    class Meta:
        verbose_name = "已分配索引号"
        verbose_name_plural = "已分配索引号"

    def __str__(self):
        return self.number


class IndexNumberError(RuntimeError):
    """A 索引号 could not be issued (the formatted number already exists)."""


def _locked_counter(organisation, year: int) -> IndexNumberCounter:
    counters = IndexNumberCounter.objects.select_for_update()
    try:
        return counters.get(organisation=organisation, year=year)
    except IndexNumberCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            IndexNumberCounter.objects.create(organisation=organisation, year=year)
    except IntegrityError:
        pass  # another transaction created it first; wait for its lock below
    return counters.get(organisation=organisation, year=year)


def allocate_index_number(organisation, year: int, page_id: int | None = None) -> str:
    """Issue the next 索引号 of ``organisation`` for ``year``; call inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise IndexNumberError("allocate_index_number must run inside a transaction")
    counter = _locked_counter(organisation, year)
    serial = counter.last_serial + 1
    number = organisation.format_index_number(year, serial)
    try:
        with transaction.atomic():
            IssuedIndexNumber.objects.create(
                number=number,
                organisation=organisation,
                year=year,
                serial=serial,
                page_id_at_issue=page_id,
            )
    except IntegrityError as exc:
        raise IndexNumberError(
            f"Index number {number} was already issued; check the body's index-number format"
        ) from exc
    counter.last_serial = serial
    counter.save(update_fields=["last_serial"])
    return number


def serial_in_number(organisation, number: str, year: int) -> int | None:
    """The serial of ``number`` if it has the body's own shape for ``year``, else None."""
    pattern = ""
    for literal, name, _spec, _conv in string.Formatter().parse(organisation.index_number_format):
        pattern += re.escape(literal)
        if name == "prefix":
            pattern += re.escape(organisation.index_number_prefix or organisation.credit_code)
        elif name == "year":
            pattern += str(year)
        elif name == "serial":
            pattern += r"(?P<serial>\d+)"
    match = re.fullmatch(pattern, number)
    if not match:
        return None
    serial = int(match["serial"])
    return serial if organisation.format_index_number(year, serial) == number else None


def record_index_number(organisation, number: str, year: int, page_id: int | None = None) -> None:
    """Register a number issued elsewhere (an imported catalogue) so it is never issued again.

    When it has the body's own shape, the body's counter for that year moves past it.
    """
    serial = serial_in_number(organisation, number, year)
    if serial is not None:
        counter = _locked_counter(organisation, year)
        if serial > counter.last_serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])
    try:
        with transaction.atomic():
            IssuedIndexNumber.objects.create(
                number=number,
                organisation=organisation,
                year=year,
                serial=serial,
                page_id_at_issue=page_id,
            )
    except IntegrityError as exc:
        raise IndexNumberError(f"Index number {number} was already issued") from exc
