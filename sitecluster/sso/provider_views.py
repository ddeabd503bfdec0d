"""Views of the login host: the sign-in entry, the upstream relying party, status and logout."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests

from django.contrib import auth
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, get_resolver, reverse
from django.views.decorators.http import require_POST

from .upstream import upstream_enabled, upstream_metadata, upstream_settings
from .views import SiteAuthenticateView, SiteCallbackView, login_failed

logger = logging.getLogger(__name__)


def password_login_url() -> str:
    try:
        return reverse("accounts:login")
    except NoReverseMatch:  # sitecluster.accounts has no login view of its own yet
        return reverse("sso-password-login")


def login_entry(request):
    """Where the provider sends anonymous users: the upstream provider, or the password form."""
    target = reverse("sso:upstream_login") if upstream_enabled() else password_login_url()
    next_url = request.GET.get("next")
    return redirect(target + ("?" + urlencode({"next": next_url}) if next_url else ""))


def password_form_or_upstream(request):
    """The login host's password form, unless an upstream provider replaces local passwords."""
    if upstream_enabled():
        return login_entry(request)
    match = get_resolver("sitecluster.accounts.urls").resolve("/login/")
    return match.func(request, *match.args, **match.kwargs)


class UpstreamAuthenticateView(SiteAuthenticateView):
    """Sign in at the upstream provider; ``next`` stays on the login host."""

    def __init__(self, **kwargs):
        conf = upstream_settings()
        self.overrides = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": "",  # from the upstream's discovery, in get()
            "OIDC_RP_CLIENT_ID": conf["CLIENT_ID"],
            "OIDC_RP_SCOPES": conf["SCOPES"],
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:upstream_callback",
        }
        super(SiteAuthenticateView, self).__init__(**kwargs)

    def client_id(self, request):
        return upstream_settings()["CLIENT_ID"]

    def get(self, request):
        if not upstream_enabled():
            return login_failed(request, "未配置上级统一身份认证平台。", status=404)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = upstream_metadata()["authorization_endpoint"]
        except (requests.RequestException, ValueError, KeyError) as exc:
            logger.error("Upstream OIDC provider unavailable: %s", exc)
            return login_failed(request, "暂时无法连接上级统一身份认证平台，请稍后再试。", 502)
        return super().get(request)


class UpstreamCallbackView(SiteCallbackView):
    flow = "upstream"


def status(request):
    """The login host's home page: who is signed in, and a button to sign out everywhere."""
    return render(request, "sso/status.html", {"login_url": reverse("sso:login")})


@require_POST
def logout_everywhere(request):
    auth.logout(request)  # user_logged_out ends the user's sessions on every host
    return redirect("sso:status")
