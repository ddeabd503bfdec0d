"""Relying-party authentication backends (mozilla-django-oidc), one per flow.

- :class:`SiteBackend`: a site host signing in at the cluster's own provider;
- :class:`UpstreamBackend`: the login host signing in at the upstream provider.

Each only handles callbacks of its own flow (``request.sso_flow``, set by the callback view).
Identities are keyed on (issuer, ``sub``); usernames come from ``preferred_username``.
The id token is checked completely: signature, issuer, audience, expiry and nonce.
"""

from __future__ import annotations

import contextlib
import logging

import jwt
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction

from . import config
from .models import ExternalIdentity
from .upstream import upstream_metadata, upstream_settings

logger = logging.getLogger(__name__)


class LoginRefused(SuspiciousOperation):
    """Authentication refused; ``user_message`` is shown to the user (Chinese)."""

    def __init__(self, log_message: str, user_message: str):
        super().__init__(log_message)
        self.user_message = user_message


class ClusterBackend(OIDCAuthenticationBackend):
    flow = ""
    overrides: dict = {}

    def __init__(self, *args, **kwargs):
        # Endpoints and client are chosen per request by configure().
        self.overrides = {"OIDC_OP_JWKS_ENDPOINT": "", "OIDC_RP_IDP_SIGN_KEY": None}
        super().__init__(*args, **kwargs)

    def get_settings(self, attr, *args):
        if attr in self.overrides:
            return self.overrides[attr]
        return import_from_settings(attr, *(args or ("",)))

    def expected_issuer(self) -> str:
        raise NotImplementedError

    def configure(self, request) -> bool:
        """Per-request endpoints and client; False if this backend cannot serve the request."""
        raise NotImplementedError

    def authenticate(self, request, **kwargs):
        if request is None or getattr(request, "sso_flow", None) != self.flow:
            return None
        if not self.configure(request):
            return None
        for attr in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
        ):
            setattr(self, attr, self.overrides[attr])
        return super().authenticate(request, **kwargs)

    # -- HTTP ---------------------------------------------------------------------------------
    def http(self, method, url, **kwargs):
        import requests

        kwargs.setdefault("timeout", self.get_settings("OIDC_TIMEOUT", None))
        return requests.request(method, url, **kwargs)

    def get_token(self, payload):
        response = self.http("POST", self.OIDC_OP_TOKEN_ENDPOINT, data=payload)
        if response.status_code != 200:
            error = ""
            with contextlib.suppress(ValueError):
                error = response.json().get("error", "")
            raise LoginRefused(
                f"Token request refused ({response.status_code} {error})",
                "授权码无效、已过期或已被使用（invalid_grant），请重新登录。"
                if error == "invalid_grant"
                else f"身份认证中心拒绝了令牌请求（{error or response.status_code}），请重新登录。",
            )
        return response.json()

    def retrieve_matching_jwk(self, token):
        response = self.http("GET", self.OIDC_OP_JWKS_ENDPOINT)
        response.raise_for_status()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise LoginRefused(f"Malformed id token: {exc}", "身份令牌格式错误。") from exc
        for key in response.json().get("keys", []):
            if key.get("kid") == header.get("kid") and key.get("alg", "RS256") == "RS256":
                return jwt.PyJWK(key)
        raise LoginRefused(
            f"No JWKS key matches kid {header.get('kid')!r}", "身份令牌的签名密钥未知。"
        )

    def get_userinfo(self, access_token, id_token, payload):
        response = self.http(
            "GET",
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}"},
        )
        response.raise_for_status()
        return response.json()

    # -- id token -----------------------------------------------------------------------------
    def _verify_jws(self, payload, key):
        try:
            header = jwt.get_unverified_header(payload)
            if header.get("alg") != "RS256":
                raise jwt.InvalidAlgorithmError(f"alg {header.get('alg')!r}")
            return jwt.decode(
                payload,
                key,
                algorithms=["RS256"],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.expected_issuer(),
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=30,
            )
        except jwt.ExpiredSignatureError as exc:
            raise LoginRefused(f"Expired id token: {exc}", "身份令牌已过期，请重新登录。") from exc
        except jwt.InvalidAudienceError as exc:
            raise LoginRefused(
                f"Id token for another client: {exc}",
                "身份令牌不是签发给本站的（audience 不符），已拒绝。",
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise LoginRefused(
                f"Id token from another issuer: {exc}", "身份令牌的签发方不是本站群的认证中心。"
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise LoginRefused(
                f"Id token rejected: {exc}", "身份令牌签名校验失败（令牌可能被篡改），已拒绝。"
            ) from exc

    # -- users --------------------------------------------------------------------------------
    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return self._get_or_create_user(access_token, id_token, payload)
        except LoginRefused as exc:
            # mozilla-django-oidc swallows this one; keep it for the error page.
            self.request.sso_refusal = exc
            raise

    def _get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if str(claims.get("sub")) != str(payload["sub"]):
            raise LoginRefused("userinfo sub differs from the id token", "身份信息不一致，已拒绝。")
        claims = {**payload, **claims}
        with transaction.atomic():
            identity = (
                ExternalIdentity.objects.select_related("user")
                .filter(issuer=self.expected_issuer(), subject=str(payload["sub"]))
                .first()
            )
            if identity is not None:
                identity.save(update_fields=["last_login_at"])
                return self.update_user(identity.user, claims)
            user = self.first_login_user(claims)
            if user is None:
                return None
            ExternalIdentity.objects.create(
                issuer=self.expected_issuer(), subject=str(payload["sub"]), user=user
            )
            return user

    def first_login_user(self, claims):
        raise NotImplementedError


class SiteBackend(ClusterBackend):
    """A site host signing in at the cluster's provider (same user table: ``sub`` is the pk)."""

    flow = "site"

    def expected_issuer(self) -> str:
        return config.issuer()

    def configure(self, request) -> bool:
        from .hosts import client_id_for_request

        client_id = client_id_for_request(request)
        if client_id is None:
            return False
        self.overrides = {
            "OIDC_OP_TOKEN_ENDPOINT": config.provider_endpoint("token"),
            "OIDC_OP_USER_ENDPOINT": config.provider_endpoint("userinfo"),
            "OIDC_OP_JWKS_ENDPOINT": config.provider_endpoint("jwks"),
            "OIDC_RP_CLIENT_ID": client_id,
            "OIDC_RP_CLIENT_SECRET": config.client_secret_for(client_id),
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        }
        return True

    def http(self, method, url, **kwargs):
        return config.backchannel(method, url, **kwargs)

    def first_login_user(self, claims):
        user = get_user_model().objects.filter(pk=claims["sub"]).first()
        if user is None or user.get_username() != claims.get("preferred_username"):
            raise LoginRefused(
                f"Provider subject {claims['sub']} names no local user",
                "认证中心返回的用户在本站群不存在。",
            )
        return user


class UpstreamBackend(ClusterBackend):
    """The login host signing in at the upstream provider; maps its identity to a local user.

    First login of an upstream subject: the local user with the same username (its
    ``preferred_username``) is linked, or a new user without a password is created. From then on
    the (issuer, sub) pair decides, whatever the upstream later calls the user.
    """

    flow = "upstream"

    def expected_issuer(self) -> str:
        return upstream_settings()["ISSUER"].rstrip("/")

    def configure(self, request) -> bool:
        conf = upstream_settings()
        if not conf.get("ISSUER"):
            return False
        metadata = upstream_metadata()
        self.overrides = {
            "OIDC_OP_TOKEN_ENDPOINT": metadata["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": metadata["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": metadata["jwks_uri"],
            "OIDC_RP_CLIENT_ID": conf["CLIENT_ID"],
            "OIDC_RP_CLIENT_SECRET": conf["CLIENT_SECRET"],
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:upstream_callback",
        }
        return True

    def first_login_user(self, claims):
        username = (claims.get("preferred_username") or "").strip()
        if not username:
            raise LoginRefused(
                "Upstream id token has no preferred_username", "上级认证平台未提供用户名。"
            )
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is not None:
            if ExternalIdentity.objects.filter(issuer=self.expected_issuer(), user=user).exists():
                raise LoginRefused(
                    f"Local user {username} is already linked to another upstream subject",
                    "该用户名已绑定上级平台的另一个身份，请联系信息中心。",
                )
            logger.info("Upstream subject %s linked to local user %s", claims["sub"], username)
            return user
        logger.info("Upstream subject %s: creating local user %s", claims["sub"], username)
        user = users.create_user(username, email=claims.get("email") or "")
        user.first_name = (claims.get("name") or "")[:150]
        user.save(update_fields=["first_name"])
        return user
