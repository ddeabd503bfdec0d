"""Single sign-on settings (sitecluster.sso, docs/sso.md), imported by base.py.

The login host is the cluster's OpenID provider (django-oauth-toolkit); every site host is a
relying party (mozilla-django-oidc) whose client registration sitecluster.sso keeps in step
with the sites. The signing key is added by dev / test / production (``provider_settings``).
"""

from sitecluster.sso.keys import signing_keys

__all__ = [
    "SITECLUSTER_LOGIN_HOST",
    "SITECLUSTER_SSO_BACKCHANNEL_URL",
    "SITECLUSTER_SSO_UPSTREAM",
    "OIDC_RP_SIGN_ALGO",
    "OIDC_RP_SCOPES",
    "OIDC_USE_PKCE",
    "OIDC_USE_NONCE",
    "OIDC_STORE_ID_TOKEN",
    "OIDC_TIMEOUT",
    "OIDC_CALLBACK_CLASS",
    "OIDC_AUTHENTICATE_CLASS",
]

from .environment import env

SITECLUSTER_LOGIN_HOST = env("SITECLUSTER_LOGIN_HOST") or f"login.{env('SITECLUSTER_DEMO_DOMAIN')}"
SITECLUSTER_SSO_BACKCHANNEL_URL = env("SITECLUSTER_SSO_BACKCHANNEL_URL")
SITECLUSTER_SSO_UPSTREAM = {
    "ISSUER": env("SITECLUSTER_SSO_UPSTREAM_ISSUER"),
    "CLIENT_ID": env("SITECLUSTER_SSO_UPSTREAM_CLIENT_ID"),
    "CLIENT_SECRET": env("SITECLUSTER_SSO_UPSTREAM_CLIENT_SECRET"),
    "SCOPES": env("SITECLUSTER_SSO_UPSTREAM_SCOPES"),
}

SSO_AUTHENTICATION_BACKENDS = [
    "sitecluster.sso.backends.SiteBackend",
    "sitecluster.sso.backends.UpstreamBackend",
]
# "sso:login" is the relying party's entry on site hosts and the sign-in form (or the upstream
# provider) on the login host: each host's URLconf defines it.
SSO_LOGIN_URL = "sso:login"

# mozilla-django-oidc: endpoints and client are chosen per host at request time.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile email"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of RP-initiated logout
OIDC_TIMEOUT = 10
OIDC_CALLBACK_CLASS = "sitecluster.sso.views.SiteCallbackView"
OIDC_AUTHENTICATE_CLASS = "sitecluster.sso.views.SiteAuthenticateView"

_PROVIDER = {
    "OIDC_ENABLED": True,
    "PKCE_REQUIRED": True,
    "OAUTH2_VALIDATOR_CLASS": "sitecluster.sso.validators.ClusterOAuth2Validator",
    "SCOPES": {"openid": "OpenID Connect", "profile": "用户名和姓名", "email": "电子邮箱"},
    "DEFAULT_SCOPES": ["openid"],
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "ID_TOKEN_EXPIRE_SECONDS": 600,
    "REQUEST_APPROVAL_PROMPT": "auto",
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": True,
    # RFC 9700 (OAuth 2.0 Security BCP): no implicit or password grant, S256 only, tokens never
    # in query strings, `iss` in the authorization response, tokens stored hashed, refresh
    # token replay revokes the family; insecure settings fail `check --deploy`.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}


def provider_settings(key_fallback=None, https_only=False, required=True) -> dict:
    """OAUTH2_PROVIDER with the signing keys (generated at ``key_fallback`` if no key file)."""
    key_file = env("SITECLUSTER_OIDC_PRIVATE_KEY_FILE")
    if not (key_file or key_fallback or required):
        return {**_PROVIDER, "OIDC_RSA_PRIVATE_KEY": ""}
    active, inactive = signing_keys(
        key_file, env("SITECLUSTER_OIDC_INACTIVE_KEY_FILES"), key_fallback
    )
    return {
        **_PROVIDER,
        "OIDC_RSA_PRIVATE_KEY": active,
        "OIDC_RSA_PRIVATE_KEYS_INACTIVE": inactive,
        "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if https_only else ["http", "https"],
    }
