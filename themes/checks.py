"""System checks: broken manifests, a missing base theme, themes that shadow protected partials
or drop the base skeleton. Run by ``manage.py check``, runserver and migrate."""

from django.core.checks import Error, Warning, register

from .loaders import starts_with_extends
from .registry import BASE_THEME, PROTECTED_TEMPLATES, registry

SEARCH_BOX = "includes/search_box.html"


@register("themes")
def check_themes(app_configs=None, **kwargs):
    registry.ensure_loaded()
    problems = [
        Error(
            f"Theme manifest {error.path} is invalid: {error.message}",
            hint="Fix the manifest; until then the theme is not available and its sites "
            "render in the base theme.",
            obj=str(error.path),
            id="themes.E001",
        )
        for error in registry.errors
    ]
    base = registry.base()
    if base is None:
        problems.append(
            Error(
                f"The base theme {BASE_THEME!r} is missing or broken.",
                hint="Every theme extends it; restore themes/default/theme.toml.",
                id="themes.E002",
            )
        )
        return problems
    base_names = base.template_names()
    for theme in registry.all():
        if theme.name == BASE_THEME:
            continue
        for name in sorted(theme.template_names()):
            path = theme.template_dir / name
            if name in PROTECTED_TEMPLATES:
                problems.append(
                    Error(
                        f"Theme {theme.name!r} overrides the protected template {name} ({path}).",
                        hint="Statutory meta tags, the footer and the base skeleton come from "
                        "the base theme only; delete the copy and restyle it with CSS.",
                        obj=str(path),
                        id="themes.E003",
                    )
                )
                continue
            if name not in base_names or not name.endswith(".html"):
                continue
            original = (base.template_dir / name).read_text("utf-8")
            if starts_with_extends(original) and not starts_with_extends(path.read_text("utf-8")):
                problems.append(
                    Error(
                        f"Theme {theme.name!r}: {path} must start with {{% extends %}} like the "
                        f"base theme's {name}.",
                        hint="A page template that does not extend the base skeleton would drop "
                        "the statutory meta tags and footer; it is refused at render time.",
                        obj=str(path),
                        id="themes.E004",
                    )
                )
        header = theme.template_dir / "includes" / "header.html"
        if header.is_file() and SEARCH_BOX not in header.read_text("utf-8"):
            problems.append(
                Warning(
                    f"Theme {theme.name!r}: {header} does not include {SEARCH_BOX}.",
                    hint='Add {% include "includes/search_box.html" %} to the header.',
                    obj=str(header),
                    id="themes.W001",
                )
            )
    return problems
