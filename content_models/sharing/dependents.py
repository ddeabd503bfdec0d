"""Where a shared article is shown besides its own column: for the page cache purge.

``pages_showing_shared(article)`` answers :func:`content_models.core.dependents.pages_showing`:
every live 引用 of it, the column holding each reference and every site home above that
column (home pages list their columns' latest items), and every live 汇总 column that lists
the article's column.
"""

from __future__ import annotations

from django.db.models import Q

from wagtail.models import Page

from .models import AggregateColumnPage, ReferencePage


def pages_showing_shared(page) -> list[Page]:
    references = list(
        ReferencePage.objects.filter(source_id=page.pk).live().only("id", "path", "depth")
    )
    found: list[Page] = list(references)
    if references:
        step = Page.steplen
        ancestors = {
            ref.path[:end] for ref in references for end in range(step, len(ref.path), step)
        }
        columns = {ref.path[:-step] for ref in references}
        found += Page.objects.filter(
            Q(path__in=columns) | Q(path__in=ancestors, cluster_site__isnull=False)
        )
    found += aggregates_listing(page)
    return found


def aggregates_listing(page) -> list[AggregateColumnPage]:
    """Live 汇总 columns whose sources include ``page``'s parent column."""
    if page.depth < 2:
        return []
    parent_path = page.path[: -Page.steplen]
    aggregates = AggregateColumnPage.objects.live()
    return [
        aggregate
        for aggregate in aggregates
        if aggregate.source_columns().filter(path=parent_path).exists()
    ]
