"""Rolling a (changed) blueprint out to existing sites: a per-site diff, then apply it.

What a rollout may do, and nothing else:

- add blueprint columns the site never had;
- restore locked columns: recreate a deleted one, rename or move one back;
- lock or unlock columns whose ``locked`` flag changed in the blueprint;
- fill empty site settings from the blueprint's templates;
- add missing groups, page / collection / model permissions and the workflow.

It never deletes, never touches a column the site added itself, never re-adds an unlocked
column the site removed, and never overwrites a setting that has a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Collection, Page

from sitecluster.tenancy.models import ClusterSite, SiteGroup

from . import access
from .blueprints import Blueprint, render
from .columns import ensure_columns
from .models import BlueprintColumn
from .provision import collection_name, resolve_blueprint, site_context


@dataclass
class ColumnChange:
    path: str
    title: str
    reason: str = ""


@dataclass
class RolloutPlan:
    site: ClusterSite
    blueprint: Blueprint
    context: dict
    columns_to_add: list[ColumnChange] = field(default_factory=list)
    locked_to_restore: list[ColumnChange] = field(default_factory=list)
    locks_to_change: list[tuple[str, bool]] = field(default_factory=list)
    settings_to_fill: dict[str, str] = field(default_factory=dict)
    skipped: list[ColumnChange] = field(default_factory=list)  # informational only
    # A site made before provisioning existed: its pages at blueprint paths are taken over.
    columns_to_adopt: list[ColumnChange] = field(default_factory=list)
    collection_missing: bool = False
    access: access.AccessPlan = field(default_factory=access.AccessPlan)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.columns_to_add
            or self.columns_to_adopt
            or self.collection_missing
            or self.locked_to_restore
            or self.locks_to_change
            or self.settings_to_fill
            or self.access
            or self.site.blueprint != self.blueprint.name
            or self.site.blueprint_version != self.blueprint.version
        )

    def lines(self) -> list[str]:
        """The diff in Chinese, one change per line."""
        out = []
        if self.site.blueprint != self.blueprint.name:
            out.append(f"改用站点模板 {self.blueprint.name}（原为 {self.site.blueprint or '无'}）")
        elif self.site.blueprint_version != self.blueprint.version:
            out.append(f"模板版本 {self.site.blueprint_version} → {self.blueprint.version}")
        out += [f"登记现有栏目：{c.title}（{c.path}）" for c in self.columns_to_adopt]
        out += [f"新增栏目：{c.title}（{c.path}）" for c in self.columns_to_add]
        out += [f"恢复锁定栏目：{c.title}（{c.path}）：{c.reason}" for c in self.locked_to_restore]
        out += [
            f"{'锁定' if locked else '解除锁定'}栏目：{path}"
            for path, locked in self.locks_to_change
        ]
        labels = {f.name: f.verbose_name for f in ClusterSite._meta.fields}
        out += [f"填写站点设置：{labels[k]} = {v}" for k, v in self.settings_to_fill.items()]
        if self.collection_missing:
            out.append(f"新建媒体库：{self.site.name}")
        roles = dict(SiteGroup._meta.get_field("role").choices)
        out += [f"新建用户组：{roles[g.role]}" for g in self.access.groups_to_create]
        for role, action in self.access.page_grants:
            out.append(f"授予{roles[role]}页面权限：{action}")
        for role, action in self.access.collection_grants:
            out.append(f"授予{roles[role]}媒体库权限：{action}")
        for role, perm in self.access.model_grants:
            out.append(f"授予{roles[role]}权限：{perm}")
        if self.access.workflow_missing:
            out.append(f"新建审核流程：{render(self.blueprint.workflow.name, self.context)}")
        out += [f"跳过：{c.title}（{c.path}）：{c.reason}" for c in self.skipped]
        return out


def plan_rollout(site: ClusterSite, blueprint: str | Blueprint) -> RolloutPlan:
    blueprint = resolve_blueprint(blueprint)
    if blueprint.kind and blueprint.kind != site.kind:
        raise ValidationError(
            f"站点模板“{blueprint.title}”用于其他类型的站点，不能用于“{site.name}”。"
        )
    context = site_context(
        name=site.name, short_name=site.short_name, code=site.code, organisation=site.organisation
    )
    plan = RolloutPlan(site=site, blueprint=blueprint, context=context)
    records = {r.path: r for r in BlueprintColumn.objects.filter(cluster_site=site)}
    adopt = not records  # never provisioned: take over the pages it already has
    plan.collection_missing = site.collection_id is None
    pages = {
        r.page_id: r.page
        for r in BlueprintColumn.objects.filter(cluster_site=site)
        .exclude(page=None)
        .select_related("page")
    }
    children: dict[int, dict[str, Page]] = {}

    def children_of(page: Page) -> dict[str, Page]:
        if page.pk not in children:
            children[page.pk] = {c.slug: c for c in page.get_children()}
        return children[page.pk]

    # Where each blueprint path stands: a page, "new" (to be created) or None (skip subtree).
    where: dict[str, Page | str | None] = {"": site.root_page}
    for spec, parents in blueprint.walk():
        path = "/".join((*parents, spec.slug))
        parent = where.get("/".join(parents))
        title = render(spec.title, context)
        record = records.get(path)
        if parent is None:
            where[path] = None
            continue
        if record is not None and record.locked != spec.locked:
            plan.locks_to_change.append((path, spec.locked))
        if record is None:
            clash = children_of(parent).get(spec.slug) if isinstance(parent, Page) else None
            if clash is not None and adopt:
                plan.columns_to_adopt.append(ColumnChange(path, clash.title))
                where[path] = clash
            elif clash is not None:
                plan.skipped.append(ColumnChange(path, title, "站点已有同代码的自建栏目，保留不动"))
                where[path] = None
            else:
                plan.columns_to_add.append(ColumnChange(path, title))
                where[path] = "new"
            continue
        page = pages.get(record.page_id)
        if page is None:
            if spec.locked:
                plan.locked_to_restore.append(ColumnChange(path, title, "已被删除，重新创建"))
                where[path] = "new"
            else:
                where[path] = None  # the site removed an unlocked column: respected
            continue
        where[path] = page
        if not spec.locked:
            continue
        reasons = []
        if page.title != title:
            reasons.append(f"名称“{page.title}”改回“{title}”")
        if page.slug != spec.slug:
            reasons.append(f"代码 {page.slug} 改回 {spec.slug}")
        if isinstance(parent, Page) and page.path[: -Page.steplen] != parent.path:
            reasons.append("移回原位置")
        if reasons:
            plan.locked_to_restore.append(ColumnChange(path, title, "，".join(reasons)))
    wanted = set(blueprint.column_paths())
    for path, record in records.items():
        if path and path not in wanted and record.locked:
            plan.locks_to_change.append((path, False))
    for name, template in blueprint.settings.items():
        value = render(template, context)
        if value and not getattr(site, name):
            plan.settings_to_fill[name] = value
    plan.access = access.plan_access(site, blueprint)
    return plan


@transaction.atomic
def apply_rollout(plan: RolloutPlan, *, user=None) -> RolloutPlan:
    """Carry out a plan (re-planned inside the transaction so it acts on current data)."""
    site = ClusterSite.objects.select_for_update().get(pk=plan.site.pk)
    plan = plan_rollout(site, plan.blueprint)
    blueprint, context = plan.blueprint, plan.context
    specs = blueprint.column_paths()
    records = {r.path: r for r in BlueprintColumn.objects.filter(cluster_site=site)}
    home = site.root_page
    if plan.collection_missing:
        site.collection = Collection.get_first_root_node().add_child(
            name=collection_name(site.name, site.code)
        )
    _adopt(site, plan, specs)
    for change in sorted(plan.locked_to_restore, key=lambda c: c.path.count("/")):
        record = records[change.path]
        if record.page_id is None:
            continue  # recreated below
        _restore(record.page.specific, specs[change.path], change, site, context, user)
    recreate = {c.path for c in plan.columns_to_add} | {
        c.path for c in plan.locked_to_restore if records[c.path].page_id is None
    }
    created: list = []
    if recreate:
        ensure_columns(home, blueprint, context=context, created=created, user=user, only=recreate)
    for path, spec, page in created:
        BlueprintColumn.objects.update_or_create(
            cluster_site=site,
            path=path,
            defaults={"page": page, "title": page.title, "slug": spec.slug, "locked": spec.locked},
        )
    for path, locked in plan.locks_to_change:
        BlueprintColumn.objects.filter(cluster_site=site, path=path).update(locked=locked)
    _apply_access(site, plan, home, context)
    for name, value in plan.settings_to_fill.items():
        setattr(site, name, value)
    site.blueprint, site.blueprint_version = blueprint.name, blueprint.version
    site.save()
    log(
        site,
        "sitecluster.site.rollout",
        user=user,
        data={"blueprint": blueprint.name, "version": blueprint.version, "changes": plan.lines()},
    )
    return plan


def _adopt(site: ClusterSite, plan: RolloutPlan, specs) -> None:
    if not plan.columns_to_adopt:
        return
    home = site.root_page
    rows = [
        BlueprintColumn(
            page=home, cluster_site=site, path="", title=home.title, slug=home.slug, locked=True
        )
    ]
    pages = {"": home}
    for change in plan.columns_to_adopt:  # parents come before children
        spec = specs[change.path]
        page = pages[change.path.rpartition("/")[0]].get_children().get(slug=spec.slug)
        pages[change.path] = page
        rows.append(
            BlueprintColumn(
                page=page,
                cluster_site=site,
                path=change.path,
                title=page.title,
                slug=spec.slug,
                locked=spec.locked,
            )
        )
    BlueprintColumn.objects.bulk_create(rows, ignore_conflicts=True)


def _restore(page: Page, spec, change: ColumnChange, site, context, user) -> None:
    parent_path = change.path.rpartition("/")[0]
    parent = site.root_page
    if parent_path:
        parent = BlueprintColumn.objects.get(cluster_site=site, path=parent_path).page
    page.refresh_from_db()
    if page.get_parent().pk != parent.pk:
        page.move(parent, pos="last-child")
        page.refresh_from_db()
    title = render(spec.title, context)
    if page.title == title and page.slug == spec.slug:
        return
    page.title, page.slug = title, spec.slug
    if page.live and not page.has_unpublished_changes:
        page.save_revision(user=user, log_action=False).publish(
            user=user, log_action=True, skip_permission_checks=True
        )
    else:
        page.save()
        if page.latest_revision_id:
            revision = page.latest_revision
            revision.content.update(title=page.title, slug=page.slug)
            revision.save(update_fields=["content"])


def _apply_access(site: ClusterSite, plan: RolloutPlan, home: Page, context: dict) -> None:
    blueprint, wanted = plan.blueprint, plan.access
    if not wanted:
        return
    from django.contrib.auth.models import Group

    groups = {sg.role: sg.group for sg in site.site_groups.select_related("group")}
    for spec in wanted.groups_to_create:
        group, _ = Group.objects.get_or_create(name=render(spec.name, context))
        SiteGroup.objects.create(cluster_site=site, role=spec.role, group=group)
        groups[spec.role] = group
    access.grant(
        blueprint,
        groups,
        home,
        site.collection,
        page=wanted.page_grants,
        collection_grants=wanted.collection_grants,
        model=wanted.model_grants,
    )
    if wanted.workflow_missing:
        site.workflow = access.create_workflow(blueprint, context, groups, home)
