"""Demo 站点共享: a few items of each mode, so the admin queues and public pages show them.

- 报送: three department articles offered to the portal — one accepted into 要闻动态 (a 引用),
  one declined with a reason, one waiting in the portal's 报送接收 queue;
- 分发: the portal's latest notice (else policy, else news) pushed to every department's
  column of that kind (通知公告 …);
- 汇总: 各部门动态 comes from the portal blueprint itself.

Idempotent: an article already offered or distributed is left alone.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from content_models.articles.models import ArticlePage
from content_models.sharing.distribution import distribute
from content_models.sharing.models import Distribution, ShareOffer
from content_models.sharing.submission import accept, decline, offer
from sitecluster.provisioning import site_columns
from sitecluster.tenancy.models import ClusterSite, SiteKind, SiteStatus

OFFER_NOTE = "本单位重点工作动态，请门户采用。"
DECLINE_REASON = "该信息已在门户“要闻动态”发布，不再重复采用。"
# Which portal column to distribute from, and into which kind of member column.
DISTRIBUTE_FROM = (("tzgg", "notice"), ("zcwj", "policy"), ("gzdt", "dynamic"))


def latest_in(column) -> ArticlePage | None:
    return ArticlePage.objects.child_of(column).live().order_by("-publish_at", "-pk").first()


def offer_examples(portal: ClusterSite, user) -> int:
    portal_columns = site_columns(portal)
    departments = ClusterSite.objects.filter(
        kind=SiteKind.DEPARTMENT, status=SiteStatus.ACTIVE
    ).order_by("sort_order", "pk")
    outcomes, made = ["accept", "decline", "pending"], 0
    for department in departments:
        if not outcomes:
            break
        column = site_columns(department).get("gzdt")
        item = latest_in(column) if column is not None else None
        if item is None:
            continue
        outcome = outcomes.pop(0)
        if ShareOffer.objects.filter(source=item).exists():
            continue  # loaded before
        share = offer(item, portal.root_page, user=user, message=OFFER_NOTE)
        if outcome == "accept" and "gzdt" in portal_columns:
            accept(share, portal_columns["gzdt"], user=user)
        elif outcome == "decline":
            decline(share, DECLINE_REASON, user=user)
        made += 1
    return made


def distribution_example(portal: ClusterSite, user) -> int:
    portal_columns = site_columns(portal)
    for slug, column_type in DISTRIBUTE_FROM:
        item = latest_in(portal_columns[slug]) if slug in portal_columns else None
        if item is None:
            continue
        if Distribution.objects.filter(source=item).exists():
            return 0
        result = distribute(
            item, user=user, kinds=[SiteKind.DEPARTMENT], column_type=column_type, target="区直部门"
        )
        return len(result.delivered)
    return 0


@transaction.atomic
def load_sharing_demo(username: str) -> dict[str, int]:
    user = get_user_model().objects.filter(username=username).first()
    portal = ClusterSite.objects.portal()
    if portal is None:
        return {"offers": 0, "distributed": 0}
    return {
        "offers": offer_examples(portal, user),
        "distributed": distribution_example(portal, user),
    }
