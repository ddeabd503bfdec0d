"""Relying-party endpoints on every site host: start sign-in, callback, logout."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.utils import import_from_settings

from django.core.exceptions import SuspiciousOperation
from django.shortcuts import render
from django.urls import reverse

from . import config
from .hosts import client_id_for_request, safe_next

logger = logging.getLogger(__name__)


def login_failed(request, message: str, status: int = 400):
    return render(
        request,
        "sso/login_failed.html",
        {"message": message, "retry_url": reverse("sso:login")},
        status=status,
    )


class RelyingPartyMixin:
    """Per-request settings: mozilla-django-oidc reads them from Django settings otherwise."""

    overrides: dict = {}

    def get_settings(self, attr, *args):
        if attr in self.overrides:
            return self.overrides[attr]
        return import_from_settings(attr, *args)


class SiteAuthenticateView(RelyingPartyMixin, oidc_views.OIDCAuthenticationRequestView):
    """Start signing in at the login host; ``next`` may lead to any host of the cluster."""

    def __init__(self, **kwargs):
        self.overrides = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": config.provider_endpoint("authorize"),
            "OIDC_RP_CLIENT_ID": "",
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        }
        super().__init__(**kwargs)

    def client_id(self, request):
        return client_id_for_request(request)

    def get(self, request):
        next_url = request.GET.get("next")
        if next_url and safe_next(request, next_url) is None:
            logger.warning("SSO sign-in refused: next=%r leaves the cluster", next_url)
            return login_failed(request, "跳转地址不属于本站群，已拒绝。请从本站页面重新登录。")
        if request.user.is_authenticated:
            # Signed in already: the page that sent us here refused this account (e.g. the
            # admin for a citizen). Signing in again would only loop.
            return render(
                request,
                "sso/no_access.html",
                {"next": safe_next(request, next_url) or "/"},
                status=403,
            )
        client_id = self.client_id(request)
        if client_id is None:
            return login_failed(request, "本域名未登记为站群站点，不能在此登录。", status=404)
        self.OIDC_RP_CLIENT_ID = client_id
        response = super().get(request)
        request.session["oidc_login_next"] = safe_next(request, next_url)
        return response


class SiteCallbackView(RelyingPartyMixin, oidc_views.OIDCAuthenticationCallbackView):
    flow = "site"

    def __init__(self, **kwargs):
        self.overrides = {"LOGIN_REDIRECT_URL": "/"}
        super().__init__(**kwargs)

    def get(self, request):
        request.sso_flow = self.flow
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            logger.warning("SSO callback refused on %s: %s", request.get_host(), exc)
            message = getattr(exc, "user_message", None)
            if message is None and "state" in str(exc):
                message = (
                    "登录请求与本次会话不匹配（state 不符），可能是伪造或过期的请求，请重新登录。"
                )
            return login_failed(request, message or "身份校验失败，已拒绝登录。")
        except requests.RequestException as exc:
            logger.error("SSO callback on %s: provider unreachable: %s", request.get_host(), exc)
            return login_failed(request, "暂时无法连接统一身份认证中心，请稍后再试。", status=502)

    def login_failure(self):
        refusal = getattr(self.request, "sso_refusal", None)
        if refusal is not None:
            logger.warning("SSO sign-in refused on %s: %s", self.request.get_host(), refusal)
            return login_failed(self.request, refusal.user_message)
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            logger.warning("SSO sign-in of inactive user %s refused", user.pk)
            return login_failed(self.request, "该账号已停用，不能登录。", status=403)
        error = self.request.GET.get("error")
        if error:
            logger.warning("SSO callback on %s: provider error %s", self.request.get_host(), error)
            return login_failed(self.request, f"统一身份认证中心拒绝了登录请求（{error}）。")
        logger.warning("SSO callback on %s: no sign-in in progress", self.request.get_host())
        return login_failed(self.request, "没有进行中的登录请求，或登录请求已失效，请重新登录。")


def provider_logout_url(request) -> str:
    """RP-initiated logout at the provider, back to this host's home page afterwards."""
    params = {
        "client_id": client_id_for_request(request) or "",
        "post_logout_redirect_uri": request.build_absolute_uri("/"),
    }
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return config.provider_endpoint("logout") + "?" + urlencode(params)


class SiteLogoutView(RelyingPartyMixin, oidc_views.OIDCLogoutView):
    """POST: log out here — which ends the user's sessions on every host — then at the provider."""

    def __init__(self, **kwargs):
        self.overrides = {
            "OIDC_OP_LOGOUT_URL_METHOD": "sitecluster.sso.views.provider_logout_url",
            "LOGOUT_REDIRECT_URL": "/",
        }
        super().__init__(**kwargs)
