"""Two-step login: the password step leaves only a *pending* marker in the session; Django's
``login()`` runs after every factor passed. A pending login expires after a few minutes.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect

from .second_factor import second_factor_needed

PENDING_KEY = "accounts_pending_login"
FACTOR_KEY = "accounts_second_factor_ok"
PENDING_SECONDS = 5 * 60
PASSWORD_BACKENDS = frozenset(
    {
        "sitecluster.accounts.backends.ThrottledModelBackend",
        "django.contrib.auth.backends.ModelBackend",
    }
)


def begin(request, user, next_url: str):
    """After the password: log in now, or remember the user and ask for the second factor."""
    if second_factor_needed(user, request):
        request.session.cycle_key()
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "next": next_url,
            "since": time.time(),
        }
        return redirect("accounts:second_factor")
    complete(request, user, user.backend, second_factor=False)
    return redirect(next_url)


def pending(request):
    """``(user, state)`` of the pending login, or ``(None, None)``."""
    state = request.session.get(PENDING_KEY)
    if not state or time.time() - state.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model()._default_manager.filter(pk=state["user"], is_active=True).first()
    return (user, state) if user else (None, None)


def cancel(request) -> None:
    request.session.pop(PENDING_KEY, None)


def complete(request, user, backend: str, *, second_factor: bool) -> None:
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=backend)
    if second_factor:
        request.session[FACTOR_KEY] = True
