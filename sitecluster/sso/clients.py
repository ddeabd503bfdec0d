"""Client registrations of the provider, generated from the cluster's sites and never by hand.

One confidential client per site with its own hostname (``site-<code>``); sites served only at
a path inside the portal sign in through the portal's client (their pages are on the portal's
host), and their addresses are allowed logout destinations of that client. Archived sites and
sites without a host lose their client, and with it every token issued to it.
"""

from __future__ import annotations

import logging

from oauth2_provider.models import Application

from django.db import transaction

from sitecluster.tenancy.hostnames import public_root_url
from sitecluster.tenancy.models import ClusterSite, SiteKind

from .config import client_id_for, client_secret_for

logger = logging.getLogger(__name__)

CALLBACK_PATH = "/oidc/callback/"
CLIENT_PREFIX = "site-"


def _portal_members(portal: ClusterSite) -> list[ClusterSite]:
    return list(
        ClusterSite.objects.active()
        .exclude(pk=portal.pk)
        .filter(hostname="")
        .exclude(mount_path="")
        .order_by("mount_path")
    )


def wanted_registration(site: ClusterSite) -> dict | None:
    """Redirect and logout URIs of ``site``'s client, or None when it should have none."""
    if not (site.is_active and site.hostname):
        return None
    root = public_root_url(site.hostname)
    logout_uris = [root + "/"]
    if site.kind == SiteKind.PORTAL:
        logout_uris += [root + member.mount_path for member in _portal_members(site)]
    return {
        "name": f"{site.name}（{site.hostname}）",
        "redirect_uris": root + CALLBACK_PATH,
        "post_logout_redirect_uris": " ".join(logout_uris),
    }


@transaction.atomic
def sync_client(site: ClusterSite, rekey: bool = False) -> Application | None:
    client_id = client_id_for(site.code)
    wanted = wanted_registration(site)
    app = Application.objects.filter(client_id=client_id).first()
    if wanted is None:
        if app is not None:
            logger.info("Removing SSO client %s (site %s has no active host)", client_id, site.code)
            app.delete()
        return None
    if app is None:
        app = Application(client_id=client_id, client_secret=client_secret_for(client_id))
        logger.info("Registering SSO client %s for %s", client_id, site.hostname)
    elif rekey:
        app.client_secret = client_secret_for(client_id)
    changed = app.pk is None or rekey
    for field, value in {
        **wanted,
        "client_type": Application.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
        "algorithm": Application.RS256_ALGORITHM,
        "skip_authorization": True,  # first-party sites: no consent screen
        "hash_client_secret": True,
    }.items():
        if getattr(app, field) != value:
            setattr(app, field, value)
            changed = True
    if changed:
        app.save()
    return app


def sync_site_and_portal(site: ClusterSite) -> None:
    """After ``site`` changed: its own client, and the portal's (it lists path-only members)."""
    sync_client(site)
    portal = ClusterSite.objects.portal()
    if portal is not None and portal.pk != site.pk:
        sync_client(portal)


@transaction.atomic
def sync_all_clients(rekey: bool = False, stdout=None) -> int:
    """Reconcile every client with the sites; clients of deleted sites are removed."""
    codes = set()
    for site in ClusterSite.objects.all():
        if sync_client(site, rekey=rekey) is not None:
            codes.add(client_id_for(site.code))
    stale = Application.objects.filter(client_id__startswith=CLIENT_PREFIX).exclude(
        client_id__in=codes
    )
    for app in stale:
        logger.info("Removing SSO client %s (no such site)", app.client_id)
        app.delete()
    if stdout:
        stdout.write(f"统一身份认证：已同步 {len(codes)} 个站点客户端")
    return len(codes)
