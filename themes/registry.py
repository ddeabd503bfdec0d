"""Theme discovery: every ``<dir>/<name>/theme.toml`` under ``SITECLUSTER_THEME_DIRS`` is a theme.

Found at startup (``ThemesConfig.ready``); adding a theme is adding a folder. A manifest that
cannot be read or is invalid leaves that theme out and is reported by the ``themes.E001``
system check, naming the file. ``default`` is the base theme every chain ends in.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .variables import ThemeVariable, variable_from_manifest

logger = logging.getLogger("sitecluster.themes")

BASE_THEME = "default"
MANIFEST = "theme.toml"
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,59}$")
MANIFEST_KEYS = {"title", "description", "extends", "preview", "stylesheets", "variables"}

# Templates that carry what the inspection rules demand (meta tags, statutory footer,
# "我为政府网站找错", the 长者模式 switch). Only the base theme provides them.
PROTECTED_TEMPLATES = frozenset(
    {
        "base.html",
        "includes/meta_tags.html",
        "includes/footer.html",
        "includes/error_report_link.html",
        "includes/care_mode_link.html",
    }
)


@dataclass
class Theme:
    name: str
    title: str
    description: str
    path: Path
    extends: str | None
    preview: str  # static path, e.g. themes/red/preview.svg ("" if none)
    own_stylesheets: list[str]  # static paths of this theme's own CSS
    own_variables: dict  # raw [variables] tables, merged along the chain
    chain: list[Theme] = field(default_factory=list)  # self, parent, ..., default
    variables: dict[str, ThemeVariable] = field(default_factory=dict)

    @property
    def template_dir(self) -> Path:
        return self.path / "templates"

    @property
    def static_dir(self) -> Path:
        return self.path / "static"

    @property
    def stylesheets(self) -> list[str]:
        """Static paths, base theme first, so a theme's CSS overrides what it inherits."""
        return [css for theme in reversed(self.chain) for css in theme.own_stylesheets]

    def defaults(self) -> dict:
        return {name: variable.default for name, variable in self.variables.items()}

    def template_names(self) -> set[str]:
        """Every template this theme's own folder provides (relative names)."""
        root = self.template_dir
        if not root.is_dir():
            return set()
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    def __repr__(self):
        return f"<Theme {self.name}>"


class ManifestError(Exception):
    def __init__(self, path: Path, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def _read_manifest(path: Path) -> Theme:
    name = path.parent.name
    if not NAME_RE.match(name):
        raise ManifestError(path, f"theme folder name {name!r} must match {NAME_RE.pattern}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(path, f"cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(path, f"is not valid TOML: {exc}") from None
    unknown = set(data) - MANIFEST_KEYS
    if unknown:
        raise ManifestError(path, f"unknown key(s): {', '.join(sorted(unknown))}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ManifestError(path, "'title' is required (a non-empty string)")
    for key in ("description", "preview", "extends"):
        if key in data and not isinstance(data[key], str):
            raise ManifestError(path, f"'{key}' must be a string")
    extends = data.get("extends", BASE_THEME if name != BASE_THEME else None)
    if name == BASE_THEME and extends:
        raise ManifestError(path, "the base theme 'default' cannot extend another theme")
    stylesheets = data.get("stylesheets", [])
    if not (isinstance(stylesheets, list) and all(isinstance(s, str) for s in stylesheets)):
        raise ManifestError(path, "'stylesheets' must be a list of paths")
    static_root = path.parent / "static" / "themes" / name
    for item in [*stylesheets, *([data["preview"]] if data.get("preview") else [])]:
        if item.startswith("/") or ".." in Path(item).parts:
            raise ManifestError(path, f"{item!r} must be relative to static/themes/{name}/")
        if not (static_root / item).is_file():
            raise ManifestError(path, f"static/themes/{name}/{item} does not exist")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ManifestError(path, "'variables' must be a table of [variables.<name>] tables")
    for var_name in variables:
        if not re.match(r"^[a-z][a-z0-9_]*$", var_name):
            raise ManifestError(path, f"variable name {var_name!r} must be lower_snake_case")
    return Theme(
        name=name,
        title=title.strip(),
        description=data.get("description", "").strip(),
        path=path.parent,
        extends=extends,
        preview=f"themes/{name}/{data['preview']}" if data.get("preview") else "",
        own_stylesheets=[f"themes/{name}/{css}" for css in stylesheets],
        own_variables=variables,
    )


def _link(themes: dict[str, Theme], errors: list[ManifestError]) -> dict[str, Theme]:
    """Resolve each theme's extends chain and merged variables; drop themes that fail."""
    linked: dict[str, Theme] = {}
    for theme in themes.values():
        chain, current, seen = [theme], theme, {theme.name}
        failure = None
        while current.extends:
            parent = themes.get(current.extends)
            if parent is None:
                failure = f"extends unknown theme {current.extends!r}"
                break
            if parent.name in seen:
                failure = f"extends chain loops: {' → '.join([*seen, parent.name])}"
                break
            chain.append(parent)
            seen.add(parent.name)
            current = parent
        if failure is None and chain[-1].name != BASE_THEME:
            failure = f"extends chain must end in the base theme {BASE_THEME!r}"
        variables: dict[str, ThemeVariable] = {}
        if failure is None:
            for member in reversed(chain):
                for var_name, spec in member.own_variables.items():
                    try:
                        variables[var_name] = _variable(member, var_name, spec, variables)
                    except ValueError as exc:
                        failure = f"variables.{var_name}: {exc}"
                        break
                if failure:
                    break
        if failure:
            errors.append(ManifestError(theme.path / MANIFEST, failure))
            continue
        theme.chain = chain
        theme.variables = variables
        linked[theme.name] = theme
    return linked


def _variable(owner: Theme, name: str, spec, known: dict) -> ThemeVariable:
    variable = variable_from_manifest(name, spec, known.get(name))
    if variable.type == "image" and isinstance(spec, dict) and "default" in spec:
        # An image default is a file of the declaring theme's static folder.
        default = spec["default"]
        if default:
            if not (owner.static_dir / "themes" / owner.name / default).is_file():
                raise ValueError(f"static/themes/{owner.name}/{default} does not exist")
            default = f"themes/{owner.name}/{default}"
        variable = ThemeVariable(**{**variable.__dict__, "default": default})
    return variable


class ThemeRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self.themes: dict[str, Theme] = {}
        self.errors: list[ManifestError] = []
        self.overridden: frozenset[str] = frozenset()
        self.loaded = False

    @staticmethod
    def theme_dirs() -> list[Path]:
        return [Path(d) for d in settings.SITECLUSTER_THEME_DIRS]

    def discover(self) -> None:
        themes, errors = {}, []
        for root in self.theme_dirs():
            if not root.is_dir():
                continue
            for manifest in sorted(root.glob(f"*/{MANIFEST}")):
                try:
                    theme = _read_manifest(manifest)
                except ManifestError as exc:
                    errors.append(exc)
                    continue
                if theme.name in themes:
                    errors.append(
                        ManifestError(manifest, f"theme {theme.name!r} is already defined")
                    )
                    continue
                themes[theme.name] = theme
        linked = _link(themes, errors)
        overridden = set()
        for theme in linked.values():
            if theme.name != BASE_THEME:
                overridden |= theme.template_names()
        with self._lock:
            self.themes = linked
            self.errors = errors
            self.overridden = frozenset(overridden)
            self.loaded = True
        for error in errors:
            logger.error("Theme manifest error: %s", error)

    def ensure_loaded(self):
        if not self.loaded:
            self.discover()

    def get(self, name: str | None) -> Theme | None:
        self.ensure_loaded()
        return self.themes.get(name or "")

    def base(self) -> Theme | None:
        return self.get(BASE_THEME)

    def resolve(self, name: str | None) -> Theme | None:
        """The named theme, or the base theme when it is unknown or broken."""
        return self.get(name) or self.base()

    def all(self) -> list[Theme]:
        self.ensure_loaded()
        return sorted(self.themes.values(), key=lambda t: (t.name != BASE_THEME, t.name))

    def choices(self) -> list[tuple[str, str]]:
        return [(theme.name, f"{theme.title}（{theme.name}）") for theme in self.all()]

    def reload(self) -> None:
        """Rediscover themes and drop cached templates (tests, development)."""
        self.discover()
        from .loaders import reset_template_caches

        reset_template_caches()


registry = ThemeRegistry()


def get_theme(name: str | None) -> Theme | None:
    return registry.get(name)


def theme_names() -> list[str]:
    return [theme.name for theme in registry.all()]
