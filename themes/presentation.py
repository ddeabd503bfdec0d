"""What the base template needs from the active theme: stylesheets, CSS variables, logo, banner,
header style and the two cluster switches (置灰, 长者模式)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from .care_mode import is_care_mode
from .mourning import mourning_active
from .registry import Theme
from .variables import clean_site_values

logger = logging.getLogger("sitecluster.themes")

IMAGE_FILTERS = {"logo": "max-480x160|format-webp", "banner": "fill-1600x200|format-webp"}
IMAGE_CACHE_SECONDS = 60 * 60


@dataclass
class ThemeView:
    name: str
    title: str
    stylesheets: list[str]
    values: dict
    css_variables: SafeString
    logo_url: str
    banner_url: str
    header_style: str
    mourning: bool
    care_mode: bool
    preview: bool
    classes: list[str] = field(default_factory=list)

    @property
    def html_class(self) -> str:
        return " ".join(self.classes)


def image_cache_key(image_id: int, spec: str) -> str:
    return f"sitecluster:themes:image:{image_id}:{spec}"


def image_url(value, spec: str) -> str:
    """A variable's image: a Wagtail image id (site override) or a theme static path."""
    if not value:
        return ""
    if isinstance(value, str):
        return static(value)
    key = image_cache_key(value, spec)
    url = cache.get(key)
    if url is None:
        from wagtail.images import get_image_model

        image = get_image_model().objects.filter(pk=value).first()
        url = image.get_rendition(spec).url if image is not None else ""
        cache.set(key, url, IMAGE_CACHE_SECONDS)
    return url


def site_values(theme: Theme, site) -> dict:
    """Manifest defaults overridden by the site's valid values (bad ones are logged, skipped)."""
    values = theme.defaults()
    overrides = getattr(site, "theme_variables", None) or {}
    cleaned, errors = clean_site_values(theme.variables, overrides)
    if errors:
        logger.warning("Site %r: theme variables ignored for %s: %s", site, theme.name, errors)
    values.update(cleaned)
    return values


def build_theme_view(theme: Theme, site, request=None, preview: bool = False) -> ThemeView:
    values = site_values(theme, site)
    css = format_html_join(
        " ",
        "{}: {};",
        (
            (variable.css, values[name])
            for name, variable in theme.variables.items()
            if variable.css and variable.type in ("color", "text") and values.get(name)
        ),
    )
    banner = values.get("banner")
    if not (isinstance(banner, int)) and site is not None and site.banner_image_id:
        banner = site.banner_image_id  # the site's own banner beats the theme's default
    mourning = mourning_active()
    care = is_care_mode(request)
    classes = [f"theme-{theme.name}"]
    if mourning:
        classes.append("mourning")
    if care:
        classes.append("care-mode")
    return ThemeView(
        name=theme.name,
        title=theme.title,
        stylesheets=[static(path) for path in theme.stylesheets],
        values=values,
        css_variables=css,
        logo_url=image_url(values.get("logo"), IMAGE_FILTERS["logo"]),
        banner_url=image_url(banner, IMAGE_FILTERS["banner"]),
        header_style=values.get("header_style") or "standard",
        mourning=mourning,
        care_mode=care,
        preview=preview,
        classes=classes,
    )
