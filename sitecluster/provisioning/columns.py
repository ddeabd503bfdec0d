"""Materialise a blueprint's column tree under a site's home page (idempotent)."""

from __future__ import annotations

from wagtail.models import Page

from .blueprints import Blueprint, BlueprintError, ColumnSpec
from .page_types import get_page_type
from .pages import create_published_page


def build_page(spec: ColumnSpec, context: dict | None = None) -> Page:
    page_type = get_page_type(spec.page_type)
    if page_type is None:
        raise BlueprintError(
            f"{spec.slug}: unknown page_type {spec.page_type!r}",
            f"栏目“{spec.title}”的页面类型“{spec.page_type}”不存在",
        )
    return page_type.build(spec, context or {})


def ensure_columns(
    home: Page,
    blueprint: Blueprint,
    *,
    context: dict | None = None,
    created: list | None = None,
    user=None,
    only: set[str] | None = None,
) -> dict[str, Page]:
    """Create the blueprint's columns that ``home`` lacks; never touch ones it has.

    Returns every blueprint column keyed by its slug path ("zfxxgk/xxgkzn"). New pages are
    appended to ``created`` as ``(path, spec, page)``. With ``only``, just those paths (and
    the parents they need) are considered.
    """
    pages: dict[str, Page] = {}
    children_cache: dict[int, dict[str, Page]] = {}

    def children_of(parent: Page) -> dict[str, Page]:
        if parent.pk not in children_cache:
            children_cache[parent.pk] = {
                child.slug: child for child in parent.get_children().specific()
            }
        return children_cache[parent.pk]

    for spec, parents in blueprint.walk():
        path = "/".join((*parents, spec.slug))
        parent_path = "/".join(parents)
        if parents and parent_path not in pages:
            continue  # the parent is out of scope (``only``)
        if (
            only is not None
            and path not in only
            and not any(p.startswith(path + "/") for p in only)
        ):
            continue
        parent = pages[parent_path] if parents else home
        existing = children_of(parent).get(spec.slug)
        if existing is None:
            existing = create_published_page(parent, build_page(spec, context), user=user)
            children_of(parent)[spec.slug] = existing
            if created is not None:
                created.append((path, spec, existing))
        pages[path] = existing
    return pages


def site_columns(site) -> dict[str, Page]:
    """A site's blueprint columns that still exist, by slug path, as specific pages."""
    from .models import BlueprintColumn

    rows = BlueprintColumn.objects.filter(cluster_site=site).exclude(page=None).exclude(path="")
    pages = Page.objects.filter(pk__in=rows.values("page_id")).specific().in_bulk()
    return {path: pages[page_id] for path, page_id in rows.values_list("path", "page_id")}
