"""Creating 引用 pages: the one place a reference is added to a column and published."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.models import Page

from content_models.columns.models import ColumnPage

from .models import ReferencePage


def free_slug(parent: Page, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``… — the first slug no child of ``parent`` uses."""
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    slug, n = wanted, 1
    while slug in taken:
        n += 1
        slug = f"{wanted}-{n}"
    return slug


def existing_reference(source, column: Page) -> ReferencePage | None:
    return ReferencePage.objects.child_of(column).filter(source=source).first()


@transaction.atomic
def add_reference(source, column: Page, *, user=None, distribution=None) -> ReferencePage:
    """A published 引用 of ``source`` in ``column`` (the existing one if the column has it).

    Raises ValidationError (Chinese message) when the source is not live or the column is not a
    column page or is the source's own column.
    """
    if not isinstance(column.specific, ColumnPage):
        raise ValidationError("只能引用到栏目中。")
    if not source.live:
        raise ValidationError("只能引用已发布的文章。")
    if source.get_parent().pk == column.pk:
        raise ValidationError("文章已在该栏目中，无需引用。")
    reference = existing_reference(source, column)
    if reference is not None:
        if distribution is not None and reference.distribution_id is None:
            ReferencePage.objects.filter(pk=reference.pk).update(distribution=distribution)
            reference.distribution = distribution
        return reference
    reference = ReferencePage(
        title=source.title,
        slug=free_slug(column, source.slug),
        source=source,
        distribution=distribution,
        show_in_menus=False,
    )
    column.add_child(instance=reference)
    revision = reference.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    reference.refresh_from_db()
    return reference
