"""The scheduled-publishing task the worker runs every minute."""

from __future__ import annotations

import io
import logging

from django_tasks import task

from django.core.management import call_command
from django.utils import timezone

from .chain import prune_finished, take_turn

logger = logging.getLogger(__name__)


def publish_due() -> str:
    """Wagtail's own scheduled publishing: unpublish what expired, publish what is due.

    Pages go through ``Revision.publish()`` / ``unpublish()``, so ``page_published`` /
    ``page_unpublished`` fire (search index, cache purge) and the audit log gets
    ``wagtail.publish.scheduled`` / ``wagtail.unpublish.scheduled``.
    """
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


@task(takes_context=True)
def publish_scheduled_tick(context) -> dict:
    now = timezone.now()
    # The next run is queued before the work, so a failing publish cannot break the chain.
    if not take_turn(str(context.task_result.id), now):
        return {"duplicate": True}
    pruned = prune_finished(now)
    publish_due()
    return {"duplicate": False, "pruned": pruned}
