"""The citizen's address behind nginx.

gunicorn binds to loopback and only nginx talks to it; nginx *replaces* X-Forwarded-For with the
address it saw (``proxy_set_header X-Forwarded-For $remote_addr``), so the header is trusted
only when the request comes from a trusted proxy address. Rate limits and audit logs read
``REMOTE_ADDR``; this middleware (production settings only) puts the citizen's address there.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_TRUSTED = ("127.0.0.1", "::1")


class ForwardedClientMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(
            getattr(settings, "SITECLUSTER_PROXY_ADDRESSES", None) or DEFAULT_TRUSTED
        )

    def __call__(self, request):
        meta = request.META
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and meta.get("REMOTE_ADDR") in self.trusted:
            # The right-most entry is the one our proxy wrote; anything left of it is the client's.
            meta["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
