from django.urls import path

from .views import BulkSwitchView, MourningView, PreviewView, SiteThemeView, ThemeIndexView

urlpatterns = [
    path("themes/", ThemeIndexView.as_view(), name="themes_admin_index"),
    path("themes/sites/<int:pk>/", SiteThemeView.as_view(), name="themes_admin_site"),
    path("themes/preview/", PreviewView.as_view(), name="themes_admin_preview"),
    path("themes/switch/", BulkSwitchView.as_view(), name="themes_admin_bulk_switch"),
    path("themes/mourning/", MourningView.as_view(), name="themes_admin_mourning"),
]
