"""置灰: every page of every site in greyscale for a day of mourning.

The switch lives in ``ClusterSettings`` (``mourning_enabled``, ``mourning_until``). Pages read
it through the shared cache — one cached read per request — and the cache entry holds the
switch and its end time, not a yes/no, so the grey turns off by itself at the end time in
every worker without anyone touching it. Saving the settings (here or in Wagtail's settings
form) drops the entry.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from sitecluster.tenancy.cluster_settings import ClusterSettings

CACHE_KEY = "sitecluster:themes:mourning:v1"
ACTION_ON = "themes.mourning_on"
ACTION_OFF = "themes.mourning_off"


def mourning_state() -> tuple[bool, dt.datetime | None]:
    state = cache.get(CACHE_KEY)
    if state is None:
        settings = ClusterSettings.load()
        state = (settings.mourning_enabled, settings.mourning_until)
        cache.set(CACHE_KEY, state, timeout=None)
    return state


def mourning_active(now: dt.datetime | None = None) -> bool:
    enabled, until = mourning_state()
    return enabled and (until is None or (now or timezone.now()) < until)


def forget_mourning_state(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def switch_mourning(on: bool, user=None, until: dt.datetime | None = None) -> ClusterSettings:
    """Turn 置灰 on (optionally until a time) or off, in one audited step."""
    if on and until is not None and until <= timezone.now():
        raise ValueError("The end time of mourning must be in the future.")
    with transaction.atomic():
        settings = ClusterSettings.load()
        settings = ClusterSettings.objects.select_for_update().get(pk=settings.pk)
        settings.mourning_enabled = on
        settings.mourning_until = until if on else None
        settings.save(update_fields=["mourning_enabled", "mourning_until"])
        log(
            instance=settings,
            action=ACTION_ON if on else ACTION_OFF,
            user=user,
            data={"until": until.isoformat() if (on and until) else None},
        )
    transaction.on_commit(forget_mourning_state)
    forget_mourning_state()
    return settings
