"""分发: the portal pushes a notice to member sites, as a 引用 in each site's 通知公告 column.

Members can hide the notice (unpublish their reference) but not edit it: the reference has no
text of its own, and the admin refuses to edit or delete a distributed reference for anyone but
the information office (``wagtail_hooks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page

from content_models.columns.models import ColumnPage

from .models import Distribution
from .references import add_reference
from .sites import ACTIVE, site_home_of, site_is_active, site_name


@dataclass
class DistributionResult:
    distribution: Distribution
    delivered: list = field(default_factory=list)  # (site home, reference)
    skipped: list = field(default_factory=list)  # (site home, reason)


def member_homes(sender_home: Page, *, kinds=(), homes=()) -> list[Page]:
    """Active member sites below ``sender_home``: of the given kinds, or the given homes."""
    candidates = Page.objects.filter(
        cluster_site__isnull=False,
        cluster_site__status=ACTIVE,
        path__startswith=sender_home.path,
        depth__gt=sender_home.depth,
    ).select_related("cluster_site")
    if homes:
        candidates = candidates.filter(pk__in=[home.pk for home in homes])
    elif kinds:
        candidates = candidates.filter(cluster_site__kind__in=list(kinds))
    return list(candidates.order_by("path"))


def target_column(home: Page, column_type: str) -> ColumnPage | None:
    """The site's first live top-level column of ``column_type`` (its 通知公告)."""
    return (
        ColumnPage.objects.child_of(home)
        .live()
        .filter(column_type=column_type)
        .order_by("path")
        .first()
    )


@transaction.atomic
def distribute(
    source, *, user=None, kinds=(), homes=(), column_type: str = "notice", target: str = ""
) -> DistributionResult:
    """Push ``source`` to member sites (by kind or by list); one reference per site."""
    source = source.specific
    if not source.live:
        raise ValidationError("只能分发已发布的文章。")
    sender_home = site_home_of(source)
    if not site_is_active(sender_home):
        raise ValidationError("该文章不属于运行中的站点。")
    receivers = member_homes(sender_home, kinds=kinds, homes=homes)
    if not receivers:
        raise ValidationError("没有符合条件的成员站点。")
    distribution = Distribution.objects.create(
        source=source,
        sender_home=sender_home,
        column_type=column_type,
        target=target[:200],
        sent_by=user,
    )
    result = DistributionResult(distribution=distribution)
    for home in receivers:
        column = target_column(home, column_type)
        if column is None:
            result.skipped.append((home, "没有对应类型的栏目"))
            continue
        reference = add_reference(source, column, user=user, distribution=distribution)
        result.delivered.append((home, reference))
    log(
        instance=source,
        action="sharing.distribute",
        user=user,
        data={
            "distribution": distribution.pk,
            "target": target,
            "sites": [site_name(home) for home, _ in result.delivered],
            "skipped": [site_name(home) for home, _ in result.skipped],
        },
    )
    return result
