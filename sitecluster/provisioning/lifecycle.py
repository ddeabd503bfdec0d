"""Archiving, restoring and deleting a site.

- **Archive**: every live page of the site is unpublished (content and revisions are kept), the
  hostname and aliases are removed from routing and remembered in ``archived_hostnames``, and
  which revision of which page was live is recorded (:class:`SiteArchive`). Scheduled
  publications in the site are cancelled, so nothing goes live while it is archived.
- **Restore**: the hostnames come back (if no other site took them meanwhile) and exactly the
  revisions that were live at archive time are published again; drafts made since stay drafts.
- **Delete**: only an *empty* site — no pages besides those its blueprint created, no images or
  documents in its collection. Its pages, groups, collection and workflow go with it.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Revision

from sitecluster.tenancy.hostnames import parse_alias_lines
from sitecluster.tenancy.models import ClusterSite, SiteKind, SiteStatus

from .access import delete_workflow
from .models import BlueprintColumn, SiteArchive

logger = logging.getLogger(__name__)


def _progress(callback, done, total):
    if callback is not None:
        callback(done, total)


@transaction.atomic
def archive_site(site: ClusterSite, *, user=None, progress=None) -> int:
    """Take a site offline; returns how many pages were unpublished."""
    site = ClusterSite.objects.select_for_update().get(pk=site.pk)
    if site.kind == SiteKind.PORTAL:
        raise ValidationError("门户网站不能归档：所有成员站点都位于门户之下。")
    if site.status == SiteStatus.ARCHIVED:
        raise ValidationError(f"站点“{site.name}”已经归档。")
    live = list(
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .live()
        .order_by("-depth", "path")  # children first, so nothing is ever orphaned live
        .specific()
    )
    snapshot = []
    for page in live:
        revision_id = page.live_revision_id
        if revision_id is None:
            # Created without a revision (imports, fixtures): snapshot what is live now.
            revision_id = page.save_revision(user=user, log_action=False, clean=False).pk
        snapshot.append([page.pk, revision_id])
    SiteArchive.objects.update_or_create(
        cluster_site=site,
        defaults={
            "live_revisions": snapshot,
            "archived_by": user if getattr(user, "pk", None) else None,
        },
    )
    # Nothing may go live while the site is archived: scheduled publications are cancelled.
    subtree = Page.objects.descendant_of(site.root_page, inclusive=True)
    Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in subtree.values_list("pk", flat=True)],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    for number, page in enumerate(live, 1):
        UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
        _progress(progress, number, len(live))
    site.archived_hostnames = "\n".join(host for host in [site.hostname, *site.alias_list] if host)
    site.hostname, site.aliases = "", ""
    site.status = SiteStatus.ARCHIVED
    site.archived_at = timezone.now()
    site.save()  # routing follows (tenancy.sync): the Wagtail Site and aliases disappear
    log(site, "sitecluster.site.archive", user=user, data={"unpublished": len(live)})
    logger.info("Archived site %s: %d pages unpublished", site.code, len(live))
    return len(live)


@transaction.atomic
def restore_site(site: ClusterSite, *, user=None, progress=None) -> int:
    """Bring an archived site back; returns how many pages were republished."""
    site = ClusterSite.objects.select_for_update().get(pk=site.pk)
    if site.status != SiteStatus.ARCHIVED:
        raise ValidationError(f"站点“{site.name}”没有归档，无需恢复。")
    hosts = parse_alias_lines(site.archived_hostnames)
    site.hostname = hosts[0] if hosts else ""
    site.aliases = "\n".join(hosts[1:])
    site.status = SiteStatus.ACTIVE
    try:
        site.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            "无法恢复站点“{}”：{}".format(site.name, "；".join(exc.messages))
        ) from exc
    archive = SiteArchive.objects.filter(cluster_site=site).first()
    pairs = archive.live_revisions if archive else []
    revisions = Revision.page_revisions.in_bulk([rev for _, rev in pairs if rev])
    # Parents first, so a page is never live under an unpublished parent.
    pages = Page.objects.in_bulk([page for page, _ in pairs])
    ordered = sorted(
        ((pages[p], revisions.get(r)) for p, r in pairs if p in pages),
        key=lambda pair: pair[0].path,
    )
    republished = 0
    for number, (page, revision) in enumerate(ordered, 1):
        revision = revision or page.specific.latest_revision
        if revision is not None and not Page.objects.filter(pk=page.pk, live=True).exists():
            revision.publish(user=user, log_action=True, skip_permission_checks=True)
            republished += 1
        _progress(progress, number, len(ordered))
    site.archived_hostnames = ""
    site.archived_at = None
    site.save()
    if archive:
        archive.delete()
    log(site, "sitecluster.site.restore", user=user, data={"republished": republished})
    logger.info("Restored site %s: %d pages republished", site.code, republished)
    return republished


def site_is_empty(site: ClusterSite) -> tuple[bool, list[str]]:
    """Whether a site holds nothing but what its blueprint created; with the reasons if not."""
    reasons = []
    blueprint_pages = set(
        BlueprintColumn.objects.filter(cluster_site=site)
        .exclude(page=None)
        .values_list("page_id", flat=True)
    )
    other_pages = (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .exclude(pk__in=blueprint_pages)
        .count()
    )
    if other_pages:
        reasons.append(f"站点中有 {other_pages} 个页面不是站点模板创建的（如文章、自建栏目）。")
    if site.collection_id:
        collections = Collection.objects.descendant_of(site.collection, inclusive=True)
        images = get_image_model().objects.filter(collection__in=collections).count()
        documents = get_document_model().objects.filter(collection__in=collections).count()
        if images:
            reasons.append(f"媒体库中有 {images} 张图片。")
        if documents:
            reasons.append(f"媒体库中有 {documents} 个文件。")
    return not reasons, reasons


@transaction.atomic
def delete_site(site: ClusterSite, *, user=None) -> None:
    """Delete an empty site with its pages, groups, collection and workflow."""
    site = ClusterSite.objects.select_for_update().get(pk=site.pk)
    if site.kind == SiteKind.PORTAL:
        raise ValidationError("门户网站不能删除。")
    empty, reasons = site_is_empty(site)
    if not empty:
        raise ValidationError([f"站点“{site.name}”不是空站点，不能删除（可以归档）。", *reasons])
    root, collection, workflow = site.root_page, site.collection, site.workflow
    group_ids = list(site.site_groups.values_list("group_id", flat=True))
    log(site, "sitecluster.site.delete", user=user, data={"code": site.code})
    site.delete()  # routing rows go with it (tenancy.signals)
    root.specific.delete()
    Group.objects.filter(pk__in=group_ids).delete()
    delete_workflow(workflow)
    if collection is not None:
        Collection.objects.get(pk=collection.pk).delete()
    logger.info("Deleted site %s", site.code)
