"""Locked columns (锁定栏目): pages a blueprint requires, which only the information office may
delete, move or rename. Enforced by the Wagtail hooks in ``wagtail_hooks.py``."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from wagtail.models import Page

from sitecluster.tenancy.roles import is_information_office

from .models import BlueprintColumn

DELETE_MESSAGE = (
    "“{title}”是站点模板规定的锁定栏目（或包含锁定栏目），不能删除。如需调整请联系信息中心。"
)
MOVE_MESSAGE = (
    "“{title}”是站点模板规定的锁定栏目（或包含锁定栏目），不能移动。如需调整请联系信息中心。"
)
RENAME_MESSAGE = (
    "“{title}”是站点模板规定的锁定栏目，不能修改名称或地址（slug）；其他内容可以修改。"
    "如需改名请联系信息中心。"
)


def is_locked_column(page: Page) -> bool:
    return BlueprintColumn.objects.filter(page_id=page.pk, locked=True).exists()


def locked_within(pages: Iterable[Page]) -> list[Page]:
    """Those of ``pages`` that are, or contain, a locked column (one query)."""
    pages = list(pages)
    if not pages:
        return []
    condition = Q()
    for page in pages:
        condition |= Q(page__path__startswith=page.path)
    locked_paths = list(
        BlueprintColumn.objects.filter(condition, locked=True).values_list("page__path", flat=True)
    )
    return [page for page in pages if any(path.startswith(page.path) for path in locked_paths)]


def may_change_locked(user) -> bool:
    return is_information_office(user)


def renames_locked(page: Page, data) -> bool:
    """Whether submitted form ``data`` changes a locked column's title or slug."""
    if not is_locked_column(page):
        return False
    current = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for name in ("title", "slug"):
        if name in data and (data.get(name) or "").strip() != getattr(current, name):
            return True
    return False
