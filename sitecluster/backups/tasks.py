"""Background runs of the backup (django-tasks; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

import logging

from django_tasks import task

from .archive import create_backup
from .retention import prune

logger = logging.getLogger(__name__)


@task()
def backup_now(actor: str = "") -> int:
    """A backup the information office started in the admin; then retention."""
    entry = create_backup(actor=actor)
    prune(actor=actor)
    return entry.pk


@task()
def scheduled_backup() -> int | None:
    """The daily backup: back up, apply retention, queue tomorrow's run (even after a failure)."""
    from .schedule import ensure_scheduled

    try:
        entry = create_backup()
        prune()
        return entry.pk
    except Exception:
        logger.exception("Scheduled backup failed")
        return None
    finally:
        ensure_scheduled()
