"""Index updates for every change that alters what citizens may find.

Receivers only enqueue a background task, so publishing never waits for (or fails with) the
search engine. Models never import this app; it listens from its AppConfig.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from sitecluster.tenancy.models import ClusterSite

from . import generation, segmentation
from .engines.database import forget_active_sites
from .models import Synonym

logger = logging.getLogger("sitecluster.search")


_deferred = threading.local()


@contextmanager
def deferred():
    """Collect index changes made inside the block and enqueue them as one task at the end.

    For bulk loaders (the demo cluster, importers): ``with search.signals.deferred(): ...``.
    """
    outer = getattr(_deferred, "changes", None)
    if outer is not None:
        yield
        return
    _deferred.changes = {"page_ids": set(), "reconcile": set(), "rebuild": set()}
    try:
        yield
    finally:
        changes, _deferred.changes = _deferred.changes, None
        changes = {key: sorted(value) for key, value in changes.items() if value}
        if changes:
            enqueue(**changes)


def enqueue(**changes) -> None:
    from .tasks import update_search_index

    collecting = getattr(_deferred, "changes", None)
    if collecting is not None:
        for key, value in changes.items():
            collecting[key].update(value)
        return
    try:
        update_search_index.enqueue(**{key: list(value) for key, value in changes.items()})
    except Exception:  # the change is still saved; a rebuild or the next task catches up
        logger.exception("Could not enqueue a search index update for %r", changes)


@receiver(page_published, dispatch_uid="search.page_published")
def page_was_published(sender, instance, **kwargs):
    enqueue(reconcile=[instance.pk])


@receiver(post_save, dispatch_uid="search.page_created")
def page_was_created(sender, instance, created=False, raw=False, **kwargs):
    # Pages created live (importers, factories) are never "published" through a revision.
    if created and not raw and isinstance(instance, Page) and instance.live:
        enqueue(page_ids=[instance.pk])


@receiver(page_unpublished, dispatch_uid="search.page_unpublished")
def page_was_unpublished(sender, instance, **kwargs):
    enqueue(reconcile=[instance.pk])


@receiver(post_page_move, dispatch_uid="search.page_moved")
def page_was_moved(sender, instance, **kwargs):
    enqueue(rebuild=[instance.pk])


@receiver(post_delete, dispatch_uid="search.page_deleted")
def page_was_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:
        generation.bump()  # its row went with it (cascade)
        enqueue(page_ids=[instance.pk])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted")
def restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue(reconcile=[instance.page_id])


@receiver(pre_save, sender=ClusterSite, dispatch_uid="search.site_pre_save")
def remember_site_state(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._search_previous = (
            ClusterSite.objects.filter(pk=instance.pk)
            .values_list("status", "root_page_id", "name", "short_name")
            .first()
        )


@receiver(post_save, sender=ClusterSite, dispatch_uid="search.site_saved")
def site_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    forget_active_sites()
    generation.bump()
    segmentation.add_words([instance.name, instance.short_name])
    state = (instance.status, instance.root_page_id, instance.name, instance.short_name)
    previous = getattr(instance, "_search_previous", None)
    if created or previous is None:
        enqueue(reconcile=[instance.root_page_id])
    elif previous != state:
        roots = {instance.root_page_id, previous[1]}
        # Archiving or restoring changes which pages are public; a rename changes every row.
        if previous[2:] != state[2:]:
            enqueue(rebuild=sorted(roots))
        else:
            enqueue(reconcile=sorted(roots))


@receiver(post_delete, sender=ClusterSite, dispatch_uid="search.site_deleted")
def site_deleted(sender, instance, **kwargs):
    forget_active_sites()
    generation.bump()


@receiver(post_save, sender=Synonym, dispatch_uid="search.synonym_saved")
def synonym_saved(sender, instance, raw=False, **kwargs):
    segmentation.add_words(instance.group)
