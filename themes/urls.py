"""Public endpoints of the themes app (mounted at /_theme/ on every site host)."""

from django.urls import path

from .care_mode import toggle_care_mode

app_name = "themes"
urlpatterns = [path("care-mode/", toggle_care_mode, name="care_mode")]
