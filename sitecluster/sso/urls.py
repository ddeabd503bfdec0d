"""Relying-party URLs on every site host (mounted at /oidc/)."""

from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("authenticate/", views.SiteAuthenticateView.as_view(), name="login"),
    path("callback/", views.SiteCallbackView.as_view(), name="callback"),
    path("logout/", views.SiteLogoutView.as_view(), name="logout"),
]
