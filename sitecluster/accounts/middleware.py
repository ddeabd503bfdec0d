"""Request-level guards: no password-only session where a second factor is required, and the
security headers of every response (Content-Security-Policy, Permissions-Policy).
"""

from __future__ import annotations

import logging

from django.contrib.auth import BACKEND_SESSION_KEY, logout

from .login_flow import FACTOR_KEY, PASSWORD_BACKENDS
from .second_factor import second_factor_needed

logger = logging.getLogger("sitecluster.accounts")


class SecondFactorMiddleware:
    """Logs out a password session that skipped the required second factor.

    Whatever path logged the user in with a password (a view that called ``login()`` early,
    ``/admin/login/``, a script), the session is not accepted until the TOTP step marked it.
    Sessions from other backends (single sign-on) were verified by the identity provider.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(BACKEND_SESSION_KEY) in PASSWORD_BACKENDS
            and not request.session.get(FACTOR_KEY)
            and second_factor_needed(user, request)
        ):
            logger.warning("Session of %s had no second factor: logged out", user.pk)
            logout(request)
        return self.get_response(request)


PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; media-src 'self'; "
    "frame-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'self'"
)
# The Wagtail admin runs inline bootstrap scripts and styles, previews in frames and embeds.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; font-src 'self' data:; media-src 'self' blob:; "
    "frame-src 'self' https:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """CSP (strict on public pages, what Wagtail needs under /admin/) and Permissions-Policy.

    Referrer-Policy, nosniff, X-Frame-Options and HSTS (production only) come from Django's
    SecurityMiddleware and XFrameOptionsMiddleware; see docs/security.md.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = ADMIN_CSP if request.path.startswith("/admin/") else PUBLIC_CSP
            if getattr(response, "xframe_options_exempt", False):
                # Framed by design (theme previews inside the admin on another hostname).
                policy = policy.replace("; frame-ancestors 'self'", "")
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
