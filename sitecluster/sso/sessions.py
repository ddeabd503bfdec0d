"""Server-side single logout: every session a user has on any host is recorded and ended."""

from __future__ import annotations

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import UserSession

logger = logging.getLogger(__name__)


def record_session(request, user) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    if not session.session_key:
        session.save()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        # The raw header: requests built by scripts (client.force_login) may have no host.
        defaults={"user": user, "host": request.META.get("HTTP_HOST", "")[:253]},
    )
    # Records outliving any session they could point to (never logged out) are dropped here.
    expired = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    UserSession.objects.filter(user=user, created_at__lt=expired).delete()


def end_all_sessions(user) -> int:
    """Delete every recorded session of ``user`` from the session store, on every host."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    if keys:
        logger.info("Single logout: ended %d session(s) of user %s", len(keys), user.pk)
    return len(keys)
