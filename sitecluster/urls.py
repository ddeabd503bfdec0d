from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from sitecluster.accounts.views.login import AdminLoginView

urlpatterns = [
    # Wagtail's login with the lockout message and the TOTP step (same path and name).
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    # Scoped replacements of some Wagtail admin views (same paths and names); first match wins.
    path("admin/", include("sitecluster.isolation.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # 登录 / 动态验证码 / 退出 / 公众注册 / 我的办件 on every site host (docs/security.md).
    path("accounts/", include("sitecluster.accounts.urls")),
    # Single sign-on relying party on every site host: /oidc/authenticate/, callback/, logout/.
    path("oidc/", include("sitecluster.sso.urls")),
    # Public theme endpoints on every site host: the 长者模式 switch.
    path("_theme/", include("themes.urls")),
    # Unified search on every site host: /search/, /search/click/, /api/search/.
    path("", include("search.urls")),
    # robots.txt, sitemap.xml and RSS feeds on every site host (docs/feeds.md).
    path("", include("sitecluster.feeds.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "sitecluster.tenancy.views.page_not_found"
handler500 = "sitecluster.tenancy.views.server_error"
