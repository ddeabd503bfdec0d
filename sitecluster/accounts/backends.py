"""Password authentication with throttling: every password entry point goes through here.

Both the cluster's own login page and Wagtail's ``/admin/login/`` call ``authenticate()``,
so a locked account or address is refused on either path even with the right password.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import audit, throttle
from .addresses import client_address

# Set on the request when a login was refused because of a lockout (forms show its message).
LOCKOUT_ATTR = "_accounts_lockout"


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if username is None or password is None:
            return None
        address = client_address(request) if request is not None else ""
        lockout = throttle.current_lockout(username, address)
        if lockout is not None:
            if request is not None:
                setattr(request, LOCKOUT_ATTR, lockout)
            _audit_refusal(request, username, address, lockout)
            raise PermissionDenied(lockout.message)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failed_login(request, username, reason="password")
        return user


def _subject(username, address):
    account = audit.account_for(username)
    if account is not None:
        return account, None
    return throttle.address_row(address or "unknown"), (username or "")[:100] or "（空）"


def record_failed_login(request, username: str, *, reason: str) -> None:
    """Count the failure, audit it, and audit a lockout it caused."""
    address = client_address(request) if request is not None else ""
    locked = throttle.record_failure(username, address)
    subject, title = _subject(username, address)
    audit.record(
        subject, audit.LOGIN_FAILED, request=request, title=title, username=username, reason=reason
    )
    for row in locked:
        audit.record(
            subject,
            audit.LOCKOUT,
            request=request,
            title=title,
            username=username,
            scope=row.kind,
            locked_until=row.locked_until.isoformat(),
        )
        if request is not None and not hasattr(request, LOCKOUT_ATTR):
            setattr(request, LOCKOUT_ATTR, throttle.Lockout(row.kind, row.locked_until))


def _audit_refusal(request, username, address, lockout) -> None:
    subject, title = _subject(username, address)
    audit.record(
        subject,
        audit.LOCKED_ATTEMPT,
        request=request,
        title=title,
        username=username,
        scope=lockout.kind,
    )
