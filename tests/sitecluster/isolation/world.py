"""People and content on the two-site cluster, using the groups ``provision_site`` created.

Every site of :func:`tests.cluster.build_two_site_cluster` has its SiteGroups (站点管理员 / 审核员 /
编辑) with page grants on its home page, collection grants on its own collection and its
workflow. This module only adds users to those groups, an information-office group (信息中心:
``tenancy.manage_cluster`` plus grants on the page tree root and the root collection), plain
staff with no role, and a few objects (images, documents, tags, a lock, a review request, and
the casework of :mod:`.casework`) on fgw (the "own" site of the matrix) and jyj (the "other"
site).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field

import pytest
from wagtail_factories import DocumentFactory, ImageFactory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from content_models.links.models import FriendlyLink
from sitecluster.tenancy.models import ClusterSite, SiteGroup, SiteRole
from tests.cluster import TwoSiteCluster, build_two_site_cluster

from .casework import add_casework, add_office_records, remove_files

PASSWORD = "Isolation@2026"
OFFICE_PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
MEDIA_ACTIONS = ["add", "change", "delete", "choose"]


@dataclass
class World:
    cluster: TwoSiteCluster
    users: dict = field(default_factory=dict)  # "fgw-admin", "jyj-editor", "office", "plain" …
    objects: dict = field(default_factory=dict)  # ("fgw", "image") → Image …

    def user(self, site_code: str, role: str | None = None):
        return self.users[f"{site_code}-{role}" if role else site_code]

    def group(self, site: ClusterSite, role: str) -> Group:
        return SiteGroup.objects.get(cluster_site=site, role=role).group


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_user(username: str, groups=(), *, admin_access: bool = True, **extra):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@hedong.example", **extra
    )
    if admin_access:
        user.user_permissions.add(_permission("wagtailadmin", "access_admin"))
    if groups:
        user.groups.add(*groups)
    return user


def information_office_group() -> Group:
    """信息中心: manage_cluster, every page and collection, every model of the cluster."""
    group, created = Group.objects.get_or_create(name="信息中心")
    if not created:
        return group
    apps = ["auth", "tenancy", "provisioning", "links", "organisations", "wagtailcore"]
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        *Permission.objects.filter(content_type__in=ContentType.objects.filter(app_label__in=apps)),
    )
    root = Page.get_first_root_node()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(
            group=group, page=root, permission=_permission("wagtailcore", f"{action}_page")
        )
        for action in OFFICE_PAGE_ACTIONS
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=_permission(app_label, f"{action}_{model}"),
        )
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in MEDIA_ACTIONS
    )
    return group


def build_world(articles_per_column: int = 2) -> World:
    cluster = build_two_site_cluster(articles_per_column=articles_per_column)
    world = World(cluster=cluster)
    for site in (cluster.portal, cluster.fgw, cluster.jyj):
        for role in SiteRole.values:
            group = world.group(site, role)
            world.users[f"{site.code}-{role}"] = make_user(f"{site.code}-{role}", [group])
    world.users["office"] = make_user("office", [information_office_group()])
    world.users["plain"] = make_user("plain-staff")
    for code, site, label in (("fgw", cluster.fgw, "发改委"), ("jyj", cluster.jyj, "教育局")):
        image = ImageFactory(title=f"{label}图片", collection=site.collection)
        image.tags.add(f"{label}标签")
        document = DocumentFactory(title=f"{label}文件", collection=site.collection)
        document.tags.add(f"{label}文件标签")
        page = Page.objects.get(slug=f"{code}-gzdt-1").specific
        editor = world.user(code, SiteRole.EDITOR)
        page.save_revision(user=editor)
        site.workflow.start(page, editor)
        Page.objects.filter(pk=page.pk).update(
            locked=True, locked_by=editor, locked_at=timezone.now()
        )
        link = FriendlyLink.objects.create(
            collection=site.collection, title=f"{label}链接", url=f"https://{code}.example.cn/"
        )
        world.objects.update(
            {(code, "image"): image, (code, "document"): document, (code, "link"): link}
        )
        world.objects[(code, "page")] = Page.objects.get(pk=page.pk).specific
        add_casework(world, code, site, label)
    add_office_records(world)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once per test module inside a transaction rolled back at its end.

    Each test still runs in its own savepoint (pytest-django's ``db``), so what one test
    writes is gone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        try:
            yield built
        finally:
            remove_files(built)
            transaction.set_rollback(True)


def body_text(response) -> str:
    """A response's text; JSON is decoded so that escaped Chinese text is searchable."""
    if response.streaming:  # a file download (image preview, letter attachment)
        return ""
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text
