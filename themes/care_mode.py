"""长者模式 / 关怀版: larger type, higher contrast, more spacing, for any visitor.

A cookie remembers the choice; the header link goes to :func:`toggle_care_mode`, which works
with plain GET or POST (no JavaScript) and sends the visitor back to the page they came from —
only ever to a path on the same host.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

COOKIE = "sc_care_mode"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def is_care_mode(request) -> bool:
    return request is not None and getattr(request, "COOKIES", {}).get(COOKIE) == "1"


def safe_next(request, value: str | None) -> str:
    """``value`` if it is a path on this host, else the site's home page."""
    if (
        value
        and value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return "/"


@csrf_exempt  # only flips a display preference of the visitor's own browser
@never_cache
@require_http_methods(["GET", "POST"])
def toggle_care_mode(request):
    data = request.POST if request.method == "POST" else request.GET
    wanted = data.get("on")
    turn_on = (wanted == "1") if wanted in ("0", "1") else not is_care_mode(request)
    response = HttpResponseRedirect(safe_next(request, data.get("next")))
    if turn_on:
        response.set_cookie(
            COOKIE,
            "1",
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
