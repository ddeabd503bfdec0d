"""Blueprints (站点模板): versioned TOML files in ``blueprints/``, one per kind of site.

A blueprint describes the column tree, the default pages and their initial content, the default
theme and site settings, the site's three groups with their permissions and the workflow
attached to the site. What a file leaves out comes from ``blueprints/_defaults.toml``: whole
sections (``[workflow]``), and within tables the entries it does not name (a file with only
``[groups.editor]`` keeps the default admin and reviewer groups). See docs/guide/sites.md.

Errors carry an English message (for logs) and a Chinese one (``BlueprintError.chinese``) for
the admin and the command line.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

BLUEPRINT_DIR = Path(__file__).resolve().parent / "blueprints"
DEFAULTS_NAME = "_defaults"
SITE_KINDS = ("portal", "department", "street", "topic")
ROLES = ("admin", "reviewer", "editor")
PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTION_ACTIONS = {
    f"{action}_{kind}": f"{app}.{action}_{kind}"
    for kind, app in (("image", "wagtailimages"), ("document", "wagtaildocs"))
    for action in ("add", "change", "choose", "delete")
}
# ClusterSite fields a blueprint may fill (templates such as "{name}").
SETTING_FIELDS = (
    "sponsor",
    "undertaker",
    "contact_phone",
    "contact_email",
    "address",
    "announcement",
    "icp_number",
    "police_number",
)
PLACEHOLDERS = (
    "name",
    "short_name",
    "code",
    "org_name",
    "org_address",
    "org_phone",
    "org_office_hours",
    "portal_name",
)


class BlueprintError(ValueError):
    """A blueprint that cannot be used. ``str()`` is English; ``.chinese`` is for users."""

    def __init__(self, message: str, chinese: str | None = None):
        super().__init__(message)
        self.chinese = chinese or message


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    slug: str
    column_type: str = "dynamic"
    page_type: str = "column"
    locked: bool = False
    intro: str = ""
    body: str = ""
    fields: dict = field(default_factory=dict, compare=True, hash=False)
    children: tuple[ColumnSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class GroupSpec:
    role: str
    name: str
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()  # "app_label.codename" model (e.g. snippet) permissions


@dataclass(frozen=True)
class TaskSpec:
    name: str
    roles: tuple[str, ...]
    # True: the step is a 保密审核 (content_models.review), approved only with the checklist.
    confidentiality: bool = True


@dataclass(frozen=True)
class WorkflowSpec:
    name: str
    tasks: tuple[TaskSpec, ...]


@dataclass(frozen=True)
class Blueprint:
    name: str
    title: str
    version: int
    columns: tuple[ColumnSpec, ...]
    kind: str = ""
    mount: str = ""  # slug of the portal directory its sites live in (bm, jd, zt)
    description: str = ""
    home_intro: str = ""
    theme: str = "default"
    theme_variables: dict = field(default_factory=dict, hash=False)
    settings: dict = field(default_factory=dict, hash=False)
    groups: tuple[GroupSpec, ...] = ()
    workflow: WorkflowSpec | None = None
    builtin: bool = True

    def walk(self):
        """Every column spec with the slugs of its ancestors, parents before children."""
        stack = [(spec, ()) for spec in reversed(self.columns)]
        while stack:
            spec, parents = stack.pop()
            yield spec, parents
            stack.extend((child, (*parents, spec.slug)) for child in reversed(spec.children))

    def column_paths(self) -> dict[str, ColumnSpec]:
        return {"/".join((*parents, spec.slug)): spec for spec, parents in self.walk()}

    def group(self, role: str) -> GroupSpec | None:
        return next((group for group in self.groups if group.role == role), None)


def render(template: str, context: dict) -> str:
    """Fill "{name}"-style placeholders; unknown ones were rejected when the blueprint loaded."""
    return template.format_map(_Missing(context)) if template else ""


class _Missing(dict):
    def __missing__(self, key):
        return ""


# -- parsing ------------------------------------------------------------------------------


def _fail(where: str, english: str, chinese: str):
    raise BlueprintError(f"{where}: {english}", f"站点模板 {where}：{chinese}")


def _check_template(value, where: str, key: str) -> str:
    if not isinstance(value, str):
        _fail(where, f"{key} must be a string", f"“{key}”必须是文本")
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError as exc:
        _fail(where, f"{key}: bad placeholder ({exc})", f"“{key}”中的占位符写法有误（{exc}）")
    for name in names:
        if name not in PLACEHOLDERS:
            allowed = "、".join("{" + p + "}" for p in PLACEHOLDERS)
            _fail(
                where,
                f"{key}: unknown placeholder {{{name}}}",
                f"“{key}”中的占位符 {{{name}}} 不存在，可用：{allowed}",
            )
    return value


def _string_list(raw, where: str, key: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        _fail(where, f"{key} must be a list of strings", f"“{key}”必须是文本列表")
    return tuple(raw)


def _column(raw, where: str) -> ColumnSpec:
    from .page_types import get_page_type

    if not isinstance(raw, dict):
        _fail(where, "a column must be a table", "栏目必须是表（[[columns]]）")
    for key in ("title", "slug"):
        if key not in raw:
            _fail(where, f"column is missing {key!r}", f"栏目缺少“{key}”")
    title, slug = raw["title"], raw["slug"]
    page_type = raw.get("page_type", "column")
    if get_page_type(page_type) is None:
        _fail(f"{where}/{slug}", f"unknown page_type {page_type!r}", f"未知的页面类型“{page_type}”")
    from content_models.columns.models import ColumnType

    column_type = raw.get("column_type", "dynamic")
    if column_type not in ColumnType.values:
        _fail(
            f"{where}/{slug}",
            f"unknown column_type {column_type!r}",
            f"未知的栏目类型“{column_type}”，可用：{'、'.join(ColumnType.values)}",
        )
    fields = raw.get("fields", {})
    if not isinstance(fields, dict):
        _fail(f"{where}/{slug}", "fields must be a table", "“fields”必须是表")
    children = raw.get("children", [])
    if not isinstance(children, list):
        _fail(f"{where}/{slug}", "children must be an array of tables", "“children”必须是表数组")
    spec = ColumnSpec(
        title=_check_template(title, where, "title"),
        slug=str(slug),
        column_type=column_type,
        page_type=page_type,
        locked=bool(raw.get("locked", False)),
        intro=_check_template(raw.get("intro", ""), f"{where}/{slug}", "intro"),
        body=_check_template(raw.get("body", ""), f"{where}/{slug}", "body"),
        fields=dict(fields),
        children=tuple(_column(child, f"{where}/{slug}") for child in children),
    )
    slugs = [child.slug for child in spec.children]
    if len(slugs) != len(set(slugs)):
        _fail(f"{where}/{slug}", "duplicate column slugs", "同一层级下栏目代码（slug）重复")
    return spec


def _groups(raw, where: str) -> tuple[GroupSpec, ...]:
    if not isinstance(raw, dict):
        _fail(where, "[groups] must be a table", "[groups] 必须是表")
    groups = []
    for role, spec in raw.items():
        here = f"{where}/groups.{role}"
        if role not in ROLES:
            _fail(here, f"unknown role {role!r}", f"未知的角色“{role}”，可用：{'、'.join(ROLES)}")
        if not isinstance(spec, dict) or not spec.get("name"):
            _fail(here, "a group needs a name", "用户组缺少名称（name）")
        pages = _string_list(spec.get("page_permissions"), here, "page_permissions")
        for action in pages:
            if action not in PAGE_ACTIONS:
                _fail(
                    here,
                    f"unknown page permission {action!r}",
                    f"未知的页面权限“{action}”，可用：{'、'.join(PAGE_ACTIONS)}",
                )
        collection = _string_list(
            spec.get("collection_permissions"), here, "collection_permissions"
        )
        for action in collection:
            if action not in COLLECTION_ACTIONS:
                _fail(
                    here,
                    f"unknown collection permission {action!r}",
                    f"未知的媒体库权限“{action}”，可用：{'、'.join(COLLECTION_ACTIONS)}",
                )
        permissions = _string_list(spec.get("permissions"), here, "permissions")
        for perm in permissions:
            if perm.count(".") != 1:
                _fail(
                    here,
                    f"permission {perm!r} must be 'app_label.codename'",
                    f"权限“{perm}”应写作“应用.权限代码”，如 wagtailadmin.access_admin",
                )
        groups.append(
            GroupSpec(
                role=role,
                name=_check_template(spec["name"], here, "name"),
                page_permissions=pages,
                collection_permissions=collection,
                permissions=permissions,
            )
        )
    return tuple(groups)


def _workflow(raw, where: str, roles: set[str]) -> WorkflowSpec | None:
    if not raw:
        return None
    here = f"{where}/workflow"
    if not isinstance(raw, dict) or not raw.get("name"):
        _fail(here, "a workflow needs a name", "审核流程缺少名称（name）")
    tasks = []
    for task in raw.get("tasks", []):
        if not isinstance(task, dict) or not task.get("name"):
            _fail(here, "a task needs a name", "审核步骤缺少名称（name）")
        task_roles = _string_list(task.get("roles"), here, "roles")
        if not task_roles:
            _fail(
                here, f"task {task['name']!r} names no roles", f"审核步骤“{task['name']}”未指定角色"
            )
        for role in task_roles:
            if role not in roles:
                _fail(
                    here,
                    f"task {task['name']!r} uses role {role!r} that has no group",
                    f"审核步骤“{task['name']}”使用的角色“{role}”没有对应的用户组",
                )
        confidentiality = task.get("confidentiality", True)
        if not isinstance(confidentiality, bool):
            _fail(
                here,
                f"task {task['name']!r}: confidentiality must be true or false",
                f"审核步骤“{task['name']}”的 confidentiality 必须是 true 或 false",
            )
        tasks.append(
            TaskSpec(
                name=_check_template(task["name"], here, "name"),
                roles=task_roles,
                confidentiality=confidentiality,
            )
        )
    if not tasks:
        _fail(here, "a workflow needs at least one task", "审核流程至少需要一个审核步骤")
    return WorkflowSpec(name=_check_template(raw["name"], here, "name"), tasks=tuple(tasks))


@cache
def _defaults() -> dict:
    return tomllib.loads((BLUEPRINT_DIR / f"{DEFAULTS_NAME}.toml").read_text("utf-8"))


def parse_blueprint(text: str, name: str, *, where: str | None = None, builtin=False) -> Blueprint:
    """Parse and validate blueprint TOML; raises :class:`BlueprintError`."""
    where = where or f"{name}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BlueprintError(f"{where}: {exc}", f"站点模板 {where} 不是有效的 TOML：{exc}") from exc
    for key, value in _defaults().items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**value, **data[key]}  # e.g. one [groups.editor] keeps the other roles
        else:
            data.setdefault(key, value)
    kind = data.get("kind", "")
    if kind and kind not in SITE_KINDS:
        _fail(
            where,
            f"unknown kind {kind!r}",
            f"未知的站点类型“{kind}”，可用：{'、'.join(SITE_KINDS)}",
        )
    raw_columns = data.get("columns", [])
    if not isinstance(raw_columns, list):
        _fail(where, "columns must be an array of tables", "“columns”必须是表数组（[[columns]]）")
    columns = tuple(_column(raw, where) for raw in raw_columns)
    slugs = [spec.slug for spec in columns]
    if len(slugs) != len(set(slugs)):
        _fail(where, "duplicate top-level column slugs", "顶层栏目代码（slug）重复")
    try:
        version = int(data.get("version", 1))
    except (TypeError, ValueError):
        _fail(where, "version must be a whole number", "版本号（version）必须是整数")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        _fail(where, "[settings] must be a table", "[settings] 必须是表")
    for key, value in settings.items():
        if key not in SETTING_FIELDS:
            _fail(
                where,
                f"unknown setting {key!r}",
                f"未知的站点设置“{key}”，可用：{'、'.join(SETTING_FIELDS)}",
            )
        _check_template(value, f"{where}/settings", key)
    theme = data.get("theme", {})
    if not isinstance(theme, dict) or not isinstance(theme.get("variables", {}), dict):
        _fail(where, "[theme] must be a table with a variables table", "[theme] 格式有误")
    home = data.get("home", {})
    groups = _groups(data.get("groups", {}), where)
    return Blueprint(
        name=name,
        title=str(data.get("title", name)),
        version=version,
        columns=columns,
        kind=kind,
        mount=str(data.get("mount", "")),
        description=str(data.get("description", "")),
        home_intro=_check_template(home.get("intro", ""), f"{where}/home", "intro"),
        theme=str(theme.get("name", "default")),
        theme_variables=dict(theme.get("variables", {})),
        settings=dict(settings),
        groups=groups,
        workflow=_workflow(data.get("workflow"), where, {group.role for group in groups}),
        builtin=builtin,
    )


def builtin_blueprint_names(directory: Path = BLUEPRINT_DIR) -> list[str]:
    return sorted(path.stem for path in directory.glob("*.toml") if not path.stem.startswith("_"))


def builtin_blueprint_text(name: str, directory: Path = BLUEPRINT_DIR) -> str:
    path = directory / f"{name}.toml"
    if name.startswith("_") or not path.exists():
        raise BlueprintError(
            f"No blueprint named {name!r} in {directory}", f"没有名为“{name}”的站点模板"
        )
    return path.read_text("utf-8")


def load_blueprint(name: str, directory: Path = BLUEPRINT_DIR) -> Blueprint:
    """A built-in (file) blueprint."""
    return parse_blueprint(builtin_blueprint_text(name, directory), name, builtin=True)


def get_blueprint(name: str) -> Blueprint:
    """An information-office copy (by code) if one exists, else the built-in file."""
    from .models import SiteBlueprint

    copy = SiteBlueprint.objects.filter(code=name).first()
    if copy is not None:
        return copy.as_blueprint()
    return load_blueprint(name)
