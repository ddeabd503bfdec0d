"""Derive the routing tables from ClusterSite, automatically and in one transaction.

ClusterSite ──► wagtailcore.Site  (one per site with its own hostname; the portal is the default)
wagtailcore.Site ──► django.contrib.sites.Site + multisite canonical Alias (same hostname)
ClusterSite.aliases ──► multisite non-canonical Alias rows that redirect (301) to the canonical host

Wagtail's Site stays the single source of truth for hostnames: the django-multisite2 tables
follow it through signals, so they can never be edited into disagreement.
"""

from __future__ import annotations

import logging

from multisite.models import Alias

from django.contrib.sites.models import Site as DjangoSite
from django.core.cache import cache
from django.db import transaction

from wagtail.models import Site as WagtailSite

from .hostnames import parse_alias_lines, public_port
from .models import ClusterSite, SiteKind

logger = logging.getLogger(__name__)

HOSTS_GENERATION_KEY = "sitecluster.hosts.generation"


def bump_hosts_generation() -> None:
    """Invalidate every cached host lookup (all workers share the cache)."""
    try:
        cache.incr(HOSTS_GENERATION_KEY)
    except ValueError:
        cache.set(HOSTS_GENERATION_KEY, 2, timeout=None)


def hosts_generation() -> int:
    return cache.get_or_set(HOSTS_GENERATION_KEY, 1, timeout=None)


def compute_mount_path(site: ClusterSite, portal: ClusterSite | None) -> str:
    if site.kind == SiteKind.PORTAL or portal is None:
        return ""
    root, portal_root = site.root_page, portal.root_page
    if not root.url_path.startswith(portal_root.url_path) or root.pk == portal_root.pk:
        return ""
    return "/" + root.url_path[len(portal_root.url_path) :]


@transaction.atomic
def sync_cluster_site(site: ClusterSite) -> None:
    """Bring the Wagtail Site, multisite Site and Alias rows of one ClusterSite up to date."""
    portal = site if site.kind == SiteKind.PORTAL else ClusterSite.objects.portal()
    mount_path = compute_mount_path(site, portal)
    wagtail_site = _sync_wagtail_site(site)
    ClusterSite.objects.filter(pk=site.pk).update(mount_path=mount_path, wagtail_site=wagtail_site)
    site.mount_path, site.wagtail_site = mount_path, wagtail_site
    _sync_aliases(site, portal)
    if site.kind == SiteKind.PORTAL:
        # Member sites' portal paths and path-only aliases depend on the portal.
        for member in ClusterSite.objects.exclude(pk=site.pk).select_related("root_page"):
            member_path = compute_mount_path(member, site)
            if member_path != member.mount_path:
                ClusterSite.objects.filter(pk=member.pk).update(mount_path=member_path)
            _sync_aliases(member, site)
    transaction.on_commit(bump_hosts_generation)


def _sync_wagtail_site(site: ClusterSite) -> WagtailSite | None:
    current = WagtailSite.objects.filter(pk=site.wagtail_site_id).first()
    if not (site.hostname and site.is_active):
        if current:
            logger.info("Removing Wagtail site %s for %s", current.hostname, site.code)
            current.delete()
        return None
    wagtail_site = current or WagtailSite(hostname=site.hostname, port=public_port())
    wagtail_site.hostname = site.hostname
    wagtail_site.port = public_port()
    wagtail_site.root_page_id = site.root_page_id
    wagtail_site.site_name = site.name
    if site.kind == SiteKind.PORTAL:
        WagtailSite.objects.exclude(pk=wagtail_site.pk).filter(is_default_site=True).update(
            is_default_site=False
        )
        wagtail_site.is_default_site = True
    else:
        wagtail_site.is_default_site = False
    # A Wagtail Site created by hand for this hostname is adopted, not duplicated.
    clash = WagtailSite.objects.filter(hostname=site.hostname).exclude(pk=wagtail_site.pk)
    if clash.exists():
        clash.delete()
    wagtail_site.save()
    return wagtail_site


def _alias_owner(site: ClusterSite, portal: ClusterSite | None) -> DjangoSite | None:
    """The multisite Site whose canonical host an alias of ``site`` belongs to."""
    if site.is_active and site.hostname:
        return DjangoSite.objects.filter(domain=site.hostname).first()
    if site.is_active and portal and portal.hostname and site.mount_path:
        # Path-only member site: its old hostnames redirect into the portal path.
        return DjangoSite.objects.filter(domain=portal.hostname).first()
    return None


def _sync_aliases(site: ClusterSite, portal: ClusterSite | None) -> None:
    owner = _alias_owner(site, portal)
    wanted = site.alias_list if owner else []
    known = set(parse_alias_lines(getattr(site, "_loaded_aliases", ""))) | set(site.alias_list)
    stale = known - set(wanted)
    if stale:
        Alias.objects.filter(domain__in=stale).exclude(is_canonical=1).delete()
    for domain in wanted:
        Alias.objects.update_or_create(
            domain=domain,
            defaults={"site": owner, "is_canonical": None, "redirect_to_canonical": True},
        )


def sync_wagtail_site_to_multisite(wagtail_site: WagtailSite, previous_hostname: str | None):
    """Keep django.contrib.sites (and so multisite's canonical Alias) equal to Wagtail's Site."""
    django_site = None
    if previous_hostname and previous_hostname != wagtail_site.hostname:
        django_site = DjangoSite.objects.filter(domain=previous_hostname).first()
    django_site = django_site or DjangoSite.objects.filter(domain=wagtail_site.hostname).first()
    if django_site is None:
        django_site = DjangoSite(domain=wagtail_site.hostname)
    django_site.domain = wagtail_site.hostname
    django_site.name = wagtail_site.site_name or wagtail_site.hostname
    django_site.save()  # multisite's own signals create or move the canonical Alias
    transaction.on_commit(bump_hosts_generation)


def remove_multisite_for(hostname: str) -> None:
    DjangoSite.objects.filter(domain=hostname).delete()  # cascades to its Alias rows
    transaction.on_commit(bump_hosts_generation)


def sync_all(stdout=None) -> None:
    """Reconcile every table from ClusterSite (used after migrations and by `cluster sync`)."""
    managed_hosts = set()
    portal = ClusterSite.objects.portal()
    if portal:
        sync_cluster_site(portal)
    for site in ClusterSite.objects.exclude(kind=SiteKind.PORTAL).select_related("root_page"):
        sync_cluster_site(site)
    for site in ClusterSite.objects.exclude(wagtail_site=None).select_related("wagtail_site"):
        managed_hosts.add(site.wagtail_site.hostname)
    # Wagtail Sites that no ClusterSite owns (e.g. the installer's "localhost") are removed so
    # that no host serves pages outside the cluster's control.
    for orphan in WagtailSite.objects.exclude(hostname__in=managed_hosts):
        if stdout:
            stdout.write(f"Removing unmanaged Wagtail site {orphan.hostname}")
        orphan.delete()
    for django_site in DjangoSite.objects.exclude(domain__in=managed_hosts):
        django_site.delete()
    claimed = {alias for site in ClusterSite.objects.active() for alias in site.alias_list}
    Alias.objects.exclude(is_canonical=1).exclude(domain__in=claimed).delete()
    transaction.on_commit(bump_hosts_generation)
