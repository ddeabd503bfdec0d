"""Shared helpers of the theme tests: users with roles, temporary theme folders."""

from __future__ import annotations

import textwrap
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings

from sitecluster.tenancy.models import SiteGroup, SiteRole
from themes.registry import registry

PASSWORD = "Themes@2026"


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_office_user(username="office"):
    """An information-office user (tenancy.manage_cluster), not a superuser."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.user_permissions.add(
        _perm("wagtailadmin", "access_admin"), _perm("tenancy", "manage_cluster")
    )
    return user


def make_site_admin(site, username=None):
    """A 站点管理员 of one site: admin access through the site's own group only."""
    existing = SiteGroup.objects.filter(cluster_site=site, role=SiteRole.ADMIN).first()
    if existing is not None:  # provisioning already made the site's groups
        group = existing.group
    else:
        group = Group.objects.create(name=f"{site.code} 站点管理员")
        SiteGroup.objects.create(cluster_site=site, role=SiteRole.ADMIN, group=group)
    user = get_user_model().objects.create_user(
        username=username or f"{site.code}-admin", password=PASSWORD
    )
    user.user_permissions.add(_perm("wagtailadmin", "access_admin"))
    user.groups.add(group)
    return user


def write_theme(root: Path, name: str, manifest: str, files: dict[str, str] | None = None):
    """Create ``root/name`` with a theme.toml and any files (paths relative to the theme)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    for relative, content in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


@contextmanager
def extra_theme_dir(path: Path):
    """Discover themes in ``path`` too (besides the shipped ones) inside the block."""
    from django.conf import settings

    dirs = [*settings.SITECLUSTER_THEME_DIRS, path]
    try:
        with override_settings(SITECLUSTER_THEME_DIRS=dirs):
            registry.reload()
            yield registry
    finally:
        registry.reload()
