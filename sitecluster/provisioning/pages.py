"""Creating pages the way an editor would: a revision, then publication."""

from __future__ import annotations

from django.utils import timezone

from wagtail.models import Page, Revision
from wagtail.signals import page_published


def add_published_child(parent: Page, page: Page, user=None) -> Page:
    """Add ``page`` under ``parent`` and publish it as a first revision.

    Wagtail keeps first_published_at from the page when it is set, so imported items keep
    their real dates.
    """
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False, skip_permission_checks=True)
    page.refresh_from_db(fields=["live", "latest_revision", "first_published_at"])
    return page


def create_published_page(parent: Page, page: Page, user=None) -> Page:
    """Add a brand-new page already published, with its first revision, in one page save.

    The same end state as :func:`add_published_child` (live, one revision that is both latest
    and live, published dates, ``page_published`` sent so search and caches follow) without
    the two further full saves of the save-revision-then-publish path. Provisioning creates
    a site's whole column tree this way; the site-level audit entry stands for these pages.
    """
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.draft_title = page.title
    parent.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return page
