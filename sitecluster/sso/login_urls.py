"""URLconf of the cluster's login host: the OpenID provider and the ways to sign in there.

Selected per request by :class:`sitecluster.sso.middleware.ClusterHostMiddleware`; site hosts
use ``sitecluster.urls``. Both name their sign-in entry ``sso:login`` (``LOGIN_URL``).
"""

from importlib.util import find_spec

from oauth2_provider import urls as dot_urls
from oauth2_provider import views as dot_views

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.urls import include, path

from . import provider_views

# The provider endpoints only: no client self-registration or management pages.
provider_patterns = [
    path("authorize/", dot_views.AuthorizationView.as_view(), name="authorize"),
    path("token/", dot_views.TokenView.as_view(), name="token"),
    path("revoke_token/", dot_views.RevokeTokenView.as_view(), name="revoke-token"),
    *dot_urls.oidc_urlpatterns,
]

sso_patterns = [
    path("", provider_views.status, name="status"),
    path("login/", provider_views.login_entry, name="login"),
    path("logout/", provider_views.logout_everywhere, name="logout"),
    path(
        "upstream/authenticate/",
        provider_views.UpstreamAuthenticateView.as_view(),
        name="upstream_login",
    ),
    path(
        "upstream/callback/",
        provider_views.UpstreamCallbackView.as_view(),
        name="upstream_callback",
    ),
]

urlpatterns = [
    path("o/", include((provider_patterns, "oauth2_provider"))),
    path("", include((sso_patterns, "sso"))),
]

if find_spec("sitecluster.accounts.urls") is not None:
    # The password form (with lockout and second factor) of sitecluster.accounts.
    urlpatterns += [
        # With an upstream provider configured, no local password is accepted here.
        path("accounts/login/", provider_views.password_form_or_upstream),
        path("accounts/", include("sitecluster.accounts.urls")),
    ]
else:  # no password form of sitecluster.accounts (yet): Django's own
    urlpatterns.append(
        path(
            "password/",
            LoginView.as_view(template_name="sso/password_login.html"),
            name="sso-password-login",
        )
    )

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

handler404 = "sitecluster.tenancy.views.page_not_found"
handler500 = "sitecluster.tenancy.views.server_error"
