"""One-step site provisioning: a blueprint and a few names in, a working site out.

:func:`provision_site` builds, in ONE transaction, the tenant (ClusterSite), its home page,
columns and default pages (published), hostname and aliases (routing follows by signals),
its three groups with their page / collection / model permissions, its media collection, its
workflow and theme, and records which page came from which blueprint column. Any failure
leaves nothing behind. Validation errors are ``django.core.exceptions.ValidationError`` with
Chinese messages keyed by field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Collection, Page

from content_models.home.models import MemberDirectoryPage, MemberSiteHomePage, PortalHomePage
from content_models.organisations.models import Organisation, OrganisationType
from content_models.organisations.validators import validate_uscc
from sitecluster.tenancy.models import ClusterSite, SiteGroup, SiteKind

from . import access
from .blueprints import Blueprint, BlueprintError, get_blueprint, render
from .columns import ensure_columns
from .models import BlueprintColumn
from .pages import create_published_page

logger = logging.getLogger(__name__)

ACTION_CREATE = "sitecluster.site.create"
CODE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
ORG_TYPES = {
    SiteKind.PORTAL: OrganisationType.GOVERNMENT,
    SiteKind.DEPARTMENT: OrganisationType.DEPARTMENT,
    SiteKind.STREET: OrganisationType.STREET,
    SiteKind.TOPIC: OrganisationType.OTHER,
}


def site_context(
    *, name: str, short_name: str, code: str, organisation: Organisation | None, portal=None
) -> dict[str, str]:
    """The values blueprint placeholders ("{name}", "{org_phone}" …) stand for."""
    portal = portal if portal is not None else ClusterSite.objects.portal()
    return {
        "name": name,
        "short_name": short_name or name,
        "code": code,
        "org_name": getattr(organisation, "name", "") or name,
        "org_address": getattr(organisation, "address", ""),
        "org_phone": getattr(organisation, "phone", ""),
        "org_office_hours": getattr(organisation, "office_hours", ""),
        "portal_name": portal.name if portal else name,
    }


def resolve_blueprint(blueprint: str | Blueprint) -> Blueprint:
    if isinstance(blueprint, Blueprint):
        return blueprint
    try:
        return get_blueprint(blueprint)
    except BlueprintError as exc:
        logger.warning("Blueprint %r cannot be used: %s", blueprint, exc)
        raise ValidationError({"blueprint": exc.chinese}) from exc


def provision_site(
    *,
    blueprint: str | Blueprint,
    code: str,
    name: str,
    short_name: str = "",
    organisation: Organisation | None = None,
    org_code: str = "",
    org_name: str = "",
    hostname: str = "",
    aliases: Iterable[str] | str = (),
    kind: str | None = None,
    theme: str | None = None,
    theme_variables: dict | None = None,
    settings: dict | None = None,
    parent: Page | None = None,
    sort_order: int = 0,
    user=None,
) -> ClusterSite:
    """Create a whole site from a blueprint, all or nothing; returns the new ClusterSite.

    ``organisation`` is an existing Organisation; otherwise ``org_code`` (统一社会信用代码)
    finds one or, with ``org_name`` (default: ``name``), creates it. ``kind`` defaults to
    the blueprint's. ``settings`` sets ClusterSite fields (sponsor, site_id_code, …) and wins
    over the blueprint's templates. ``parent`` overrides where the home page goes (default:
    the portal's directory named by the blueprint's ``mount``, or the page tree root for the
    portal). Raises ValidationError (Chinese messages by field) and writes nothing on error.
    """
    blueprint = resolve_blueprint(blueprint)
    code = (code or "").strip().lower()
    name = (name or "").strip()
    kind = kind or blueprint.kind or SiteKind.DEPARTMENT
    if isinstance(aliases, str):
        aliases = [aliases]
    errors: dict[str, list[str]] = {}
    if not CODE_RE.match(code):
        errors.setdefault("code", []).append(
            "站点代码只能包含英文小写字母、数字和连字符，以字母或数字开头和结尾（如 jyj）。"
        )
    elif ClusterSite.objects.filter(code=code).exists():
        errors.setdefault("code", []).append(f"站点代码 {code} 已被使用。")
    if not name:
        errors.setdefault("name", []).append("请填写站点名称。")
    if kind not in SiteKind.values:
        errors.setdefault("kind", []).append(f"未知的站点类型“{kind}”。")
    elif blueprint.kind and kind != blueprint.kind:
        errors.setdefault("blueprint", []).append(
            f"站点模板“{blueprint.title}”用于{SiteKind(blueprint.kind).label}，"
            f"不能用于{SiteKind(kind).label}。"
        )
    theme_error = _theme_problem(theme or blueprint.theme)
    if theme_error:
        errors.setdefault("theme", []).append(theme_error)
    organisation, org_errors = _organisation(organisation, org_code, org_name or name, kind)
    errors.update(org_errors)
    portal = ClusterSite.objects.portal()
    if kind == SiteKind.PORTAL and portal is not None:
        errors.setdefault("kind", []).append(f"站群已有门户网站“{portal.name}”。")
    if parent is None and not errors:
        parent = _default_parent(blueprint, kind, portal, errors)
    if parent is not None and code and parent.get_children().filter(slug=code).exists():
        errors.setdefault("code", []).append(f"“{parent.title}”下已有代码为 {code} 的页面。")
    if errors:
        raise ValidationError(errors)

    context = site_context(
        name=name, short_name=short_name, code=code, organisation=organisation, portal=portal
    )
    values = {field: render(tpl, context) for field, tpl in blueprint.settings.items()}
    values.update({k: v for k, v in (settings or {}).items() if v is not None})
    site = ClusterSite(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        hostname=hostname or "",
        aliases="\n".join(aliases),
        theme=theme or blueprint.theme,
        theme_variables=theme_variables
        if theme_variables is not None
        else dict(blueprint.theme_variables),
        blueprint=blueprint.name,
        blueprint_version=blueprint.version,
        sort_order=sort_order,
        **values,
    )
    # Hostnames, lengths and uniqueness first, before anything is written.
    site.full_clean(exclude=["root_page", "organisation"])
    _check_group_names(blueprint, context)

    with transaction.atomic():
        if organisation.pk is None:
            organisation.save()
        home = create_published_page(parent, _home_page(kind, name, code, blueprint, context), user)
        created: list = []
        ensure_columns(home, blueprint, context=context, created=created, user=user)
        collection = Collection.get_first_root_node().add_child(name=collection_name(name, code))
        groups = access.create_groups(blueprint, context, home, collection)
        workflow = access.create_workflow(blueprint, context, groups, home)
        site.organisation = organisation
        site.root_page = home
        site.collection = collection
        site.workflow = workflow
        site.full_clean()
        site.save()
        SiteGroup.objects.bulk_create(
            [SiteGroup(cluster_site=site, role=role, group=group) for role, group in groups.items()]
        )
        BlueprintColumn.objects.bulk_create(
            [
                BlueprintColumn(
                    page=home, cluster_site=site, path="", title=name, slug=code, locked=True
                )
            ]
            + [
                BlueprintColumn(
                    page=page,
                    cluster_site=site,
                    path=path,
                    title=page.title,
                    slug=spec.slug,
                    locked=spec.locked,
                )
                for path, spec, page in created
            ]
        )
        log(
            instance=site,
            action=ACTION_CREATE,
            user=user,
            data={
                "blueprint": blueprint.name,
                "version": blueprint.version,
                "pages": len(created) + 1,
                "hostname": site.hostname,
            },
        )
    logger.info(
        "Provisioned site %s (%s) from blueprint %s v%s: %d pages",
        code,
        kind,
        blueprint.name,
        blueprint.version,
        len(created) + 1,
    )
    return site


def _organisation(organisation, org_code, org_name, kind):
    if organisation is not None:
        return organisation, {}
    org_code = (org_code or "").strip().upper()
    if not org_code:
        return None, {"org_code": ["请选择主办机构，或填写其统一社会信用代码。"]}
    existing = Organisation.objects.filter(credit_code=org_code).first()
    if existing is not None:
        return existing, {}
    try:
        validate_uscc(org_code)
    except ValidationError as exc:
        return None, {"org_code": exc.messages}
    if Organisation.objects.filter(name=org_name).exists():
        return None, {
            "org_name": [f"已有名为“{org_name}”的机构，但其统一社会信用代码不是 {org_code}。"]
        }
    organisation = Organisation(
        name=org_name,
        short_name=org_name[:40],
        credit_code=org_code,
        org_type=ORG_TYPES.get(kind, OrganisationType.OTHER),
    )
    try:
        organisation.full_clean()
    except ValidationError as exc:
        return None, {
            f"org_{key}" if key != "credit_code" else "org_code": value
            for key, value in exc.message_dict.items()
        }
    return organisation, {}


def _default_parent(blueprint, kind, portal, errors) -> Page | None:
    if kind == SiteKind.PORTAL:
        return Page.get_first_root_node()
    if portal is None:
        errors.setdefault("blueprint", []).append("请先创建门户网站，成员站点位于门户之下。")
        return None
    mount = blueprint.mount or {"department": "bm", "street": "jd", "topic": "zt"}.get(kind, "")
    directory = (
        MemberDirectoryPage.objects.child_of(portal.root_page).filter(slug=mount).first()
        if mount
        else None
    )
    if directory is None:
        errors.setdefault("blueprint", []).append(
            f"门户网站下没有代码为“{mount}”的站点目录；请先将最新的门户模板更新到门户网站。"
        )
    return directory


def _home_page(kind, name, code, blueprint, context) -> Page:
    model = PortalHomePage if kind == SiteKind.PORTAL else MemberSiteHomePage
    return model(title=name, slug=code, intro=render(blueprint.home_intro, context)[:500])


def collection_name(name: str, code: str) -> str:
    root = Collection.get_first_root_node()
    taken = set(root.get_children().values_list("name", flat=True))
    return name if name not in taken else f"{name}（{code}）"


def _check_group_names(blueprint, context) -> None:
    from django.contrib.auth.models import Group

    names = [render(spec.name, context) for spec in blueprint.groups]
    taken = list(Group.objects.filter(name__in=names).values_list("name", flat=True))
    if taken:
        raise ValidationError(
            {"code": [f"用户组“{n}”已存在，请换一个站点代码或名称。" for n in taken]}
        )


def _theme_problem(name: str) -> str:
    """A Chinese message if ``name`` is not an installed theme (when the themes app is there)."""
    try:
        from themes.registry import theme_names
    except ImportError:
        return ""
    names = theme_names()
    if names and name not in names:
        return f"主题“{name}”不存在，可用：{'、'.join(names)}。"
    return ""
