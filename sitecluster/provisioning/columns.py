"""Materialise a blueprint's column tree under a site's home page (idempotent)."""

from __future__ import annotations

from wagtail.models import Page

from content_models.columns.models import ColumnPage
from content_models.home.models import MemberDirectoryPage
from content_models.organisations.models import InstitutionFunctionsPage

from .blueprints import Blueprint, ColumnSpec
from .pages import add_published_child


def _build(spec: ColumnSpec) -> Page:
    if spec.page_type == "institution_functions":
        return InstitutionFunctionsPage(title=spec.title, slug=spec.slug, show_in_menus=False)
    if spec.page_type == "member_directory":
        return MemberDirectoryPage(
            title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True
        )
    return ColumnPage(
        title=spec.title,
        slug=spec.slug,
        column_type=spec.column_type,
        intro=spec.intro,
        show_in_menus=True,
    )


def ensure_columns(home: Page, blueprint: Blueprint) -> dict[str, Page]:
    """Create the blueprint's columns that ``home`` lacks; never touch ones it has.

    Returns every blueprint column keyed by its slug path ("zfxxgk/xxgkzn").
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
        parent = pages["/".join(parents)] if parents else home
        existing = children_of(parent).get(spec.slug)
        if existing is None:
            existing = add_published_child(parent, _build(spec))
            children_of(parent)[spec.slug] = existing
        pages["/".join((*parents, spec.slug))] = existing
    return pages
