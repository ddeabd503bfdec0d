"""Creating pages the way an editor would: a revision, then publication."""

from __future__ import annotations

from wagtail.models import Page


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
