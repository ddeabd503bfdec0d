"""Host routing that also knows the cluster's login host."""

from django.conf import settings

from sitecluster.tenancy.middleware import ClusterHostMiddleware as TenancyHostMiddleware

from .config import is_login_host

LOGIN_HOST_URLCONF = "sitecluster.sso.login_urls"


class ClusterHostMiddleware(TenancyHostMiddleware):
    """tenancy's host routing, plus the login host: it belongs to no site, so instead of the
    cluster's 404 page it gets the provider's own URLconf (:mod:`sitecluster.sso.login_urls`)."""

    def __call__(self, request):
        if is_login_host(request):
            settings.SITE_ID.reset()
            request.urlconf = LOGIN_HOST_URLCONF
            return self.get_response(request)
        return super().__call__(request)
