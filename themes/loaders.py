"""Template loaders: site theme → its ``extends`` chain → the base theme.

``ThemeLoader`` looks in the active theme's ``templates/`` folder, then in each theme it
extends, then in the base theme (and the engine's DIRS). Protected templates (statutory meta
tags, footer, base skeleton) only ever come from the base theme, and a theme's copy of a page
template that does not ``{% extends %}`` like the base one is refused, so no theme can drop the
statutory partials. ``CachedThemeLoader`` keys its cache on the theme, so theme A's template is
never served to theme B; templates that no theme overrides share one cache entry and do not
even ask which theme is active (the admin never pays for theme resolution).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.template import Origin, TemplateDoesNotExist
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader
from django.utils._os import safe_join

from .registry import BASE_THEME, PROTECTED_TEMPLATES, registry
from .resolution import active_theme

logger = logging.getLogger("sitecluster.themes")

EXTENDS_RE = re.compile(r"\A\s*(?:\{#.*?#\}\s*)*\{%-?\s*extends\s", re.S)


def starts_with_extends(source: str) -> bool:
    return bool(EXTENDS_RE.match(source))


def _themed(template_name: str) -> bool:
    return template_name in registry.overridden


class ThemeLoader(FilesystemLoader):
    def get_dirs(self):
        """Every theme's template folder (Django's autoreloader watches these)."""
        registry.ensure_loaded()
        dirs = [theme.template_dir for theme in registry.all()]
        return dirs + [d for d in self.engine.dirs if Path(d) not in dirs]

    def chain_dirs(self, template_name: str) -> list[Path]:
        registry.ensure_loaded()
        base = registry.base()
        if template_name in PROTECTED_TEMPLATES or not _themed(template_name):
            chain = [base] if base else []
        else:
            theme = active_theme()
            chain = theme.chain if theme is not None else ([base] if base else [])
        dirs = [theme.template_dir for theme in chain]
        return dirs + [Path(d) for d in self.engine.dirs if Path(d) not in dirs]

    def get_template_sources(self, template_name):
        for template_dir in self.chain_dirs(template_name):
            try:
                name = safe_join(template_dir, template_name)
            except SuspiciousFileOperation:
                continue
            yield Origin(name=name, template_name=template_name, loader=self)

    def get_contents(self, origin):
        contents = super().get_contents(origin)
        base = registry.base()
        path = Path(origin.name)
        if base is None or path.is_relative_to(base.template_dir):
            return contents
        base_copy = base.template_dir / origin.template_name
        if (
            base_copy.is_file()
            and starts_with_extends(base_copy.read_text("utf-8"))
            and not starts_with_extends(contents)
        ):
            logger.error(
                "Refusing %s: it must {%% extends %%} like the base theme's %s",
                origin.name,
                origin.template_name,
            )
            raise TemplateDoesNotExist(origin)
        return contents


class CachedThemeLoader(CachedLoader):
    def cache_key(self, template_name, skip=None):
        key = super().cache_key(template_name, skip)
        if template_name in PROTECTED_TEMPLATES or not _themed(template_name):
            return f"{BASE_THEME}:{key}"
        theme = active_theme()
        return f"{theme.name if theme else BASE_THEME}:{key}"


def reset_template_caches() -> None:
    from django.template import engines

    for engine in engines.all():
        for loader in getattr(getattr(engine, "engine", None), "template_loaders", []):
            if hasattr(loader, "reset"):
                loader.reset()
