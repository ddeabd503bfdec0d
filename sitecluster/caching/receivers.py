"""Signal receivers: every change that makes a stored page stale plans its purge.

| change                                   | purged                                              |
|------------------------------------------|-----------------------------------------------------|
| publish (new page or edit)               | the page, its parent list, its sites' home pages,   |
|                                          | pages showing it (``pages_showing``); its sub-pages  |
|                                          | too when title or slug changed (breadcrumbs, URLs)  |
| unpublish, delete, privacy change        | the page and its sub-pages, parent, homes, showing  |
| move                                     | old and new sub-trees, both parents and homes       |
| top-level column in a site's navigation  | the whole site (every page shows the navigation)    |
| ClusterSite (theme, variables, footer…)  | the whole site on all its hosts (not sites inside)  |
| portal name or hostname                  | everything (member pages link back to the portal)   |
| 友情链接 or organisation of a site          | the whole site (footer)                           |
| ClusterSettings (置灰)                    | everything                                          |
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from content_models.links.models import FriendlyLink
from content_models.organisations.models import Organisation
from sitecluster.tenancy.cluster_settings import ClusterSettings
from sitecluster.tenancy.hostnames import public_root_url
from sitecluster.tenancy.models import ClusterSite, SiteKind

from .addresses import Address
from .config import purging_needed
from .purge import PurgePlan, purge_on_commit

SNAPSHOT_FIELDS = ("title", "slug", "url_path", "live", "show_in_menus")


@receiver(pre_save, dispatch_uid="caching.page_snapshot")
def remember_page_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Keep what the published page looked like, to tell an edit from a rename at publish."""
    if raw or not isinstance(instance, Page) or not instance.pk or not purging_needed():
        return
    if update_fields is not None and not set(update_fields) & set(SNAPSHOT_FIELDS):
        return  # a draft save: nothing public changes
    instance._page_cache_before = (
        Page.objects.filter(pk=instance.pk).values(*SNAPSHOT_FIELDS).first()
    )


@receiver(page_published, dispatch_uid="caching.page_published")
def page_was_published(sender, instance, **kwargs):
    if not purging_needed():
        return
    page = instance
    before = getattr(page, "_page_cache_before", None) or {}
    page._page_cache_before = None
    renamed = bool(before) and (
        before["title"] != page.title or before["url_path"] != page.url_path
    )
    plan = PurgePlan(f"published page {page.pk}")
    plan.add_change_of(page, tree=renamed and page.numchild > 0)
    if before and before["url_path"] != page.url_path:
        plan.add_tree(before["url_path"])  # the old address answers with a redirect now
    if before and before["show_in_menus"] != page.show_in_menus:
        parent = page.get_parent()
        if parent is not None and ClusterSite.objects.filter(root_page=parent).exists():
            plan.add_site(parent)
    purge_on_commit(plan)


@receiver(page_unpublished, dispatch_uid="caching.page_unpublished")
def page_was_unpublished(sender, instance, **kwargs):
    if not purging_needed():
        return
    plan = PurgePlan(f"unpublished page {instance.pk}")
    plan.add_change_of(instance, tree=True)
    purge_on_commit(plan)


@receiver(post_page_move, dispatch_uid="caching.page_moved")
def page_was_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if not purging_needed():
        return
    plan = PurgePlan(f"moved page {instance.pk}")
    plan.add_tree(url_path_before)
    plan.add_change_of(instance, tree=True, url_path=url_path_after)
    before_parent = kwargs.get("parent_page_before")
    if before_parent is not None:
        # The old parent list and the old sites' home pages (and navigation).
        plan.add_page(before_parent)
        homes = Page.objects.ancestor_of(before_parent, inclusive=True).filter(
            pk__in=ClusterSite.objects.values_list("root_page_id", flat=True)
        )
        for home in homes:
            plan.add_page(home)
            if instance.show_in_menus and home.pk == before_parent.pk:
                plan.add_site(home)
    purge_on_commit(plan)


@receiver(pre_delete, dispatch_uid="caching.page_deleted")
def page_will_be_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not instance.live or not purging_needed():
        return
    if getattr(instance, "_page_cache_planned", False):
        return
    # The addresses must be read now: after the delete the page and its parent are gone.
    plan = PurgePlan(f"deleted page {instance.pk}")
    plan.add_change_of(instance, tree=True)
    instance._page_cache_planned = True
    purge_on_commit(plan)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="caching.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="caching.restriction_deleted")
def privacy_changed(sender, instance, raw=False, **kwargs):
    if raw or not purging_needed():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    plan = PurgePlan(f"privacy of page {page.pk}")
    plan.add_change_of(page, tree=True)
    purge_on_commit(plan)


# --- site settings, themes, 置灰 ------------------------------------------------------------------


@receiver(pre_save, sender=ClusterSite, dispatch_uid="caching.site_before_save")
def remember_site_before_save(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not purging_needed():
        return
    before = ClusterSite.objects.filter(pk=instance.pk).select_related("root_page").first()
    instance._page_cache_before = before
    if before is not None and before.root_page_id:
        # The addresses as they are now: a hostname change removes them.
        plan = PurgePlan(f"site {before.code} before change")
        plan.add_site(before.root_page)
        instance._page_cache_plan_before = plan


@receiver(post_save, sender=ClusterSite, dispatch_uid="caching.site_saved")
@receiver(post_delete, sender=ClusterSite, dispatch_uid="caching.site_deleted")
def site_changed(sender, instance, raw=False, **kwargs):
    if raw or not purging_needed():
        return
    before = getattr(instance, "_page_cache_before", None)
    plan = getattr(instance, "_page_cache_plan_before", None) or PurgePlan("")
    instance._page_cache_before = instance._page_cache_plan_before = None
    plan.reason = f"site {instance.code} changed"
    portal_identity_changed = instance.kind == SiteKind.PORTAL and (
        before is None or (before.name, before.hostname) != (instance.name, instance.hostname)
    )
    if kwargs.get("signal") is post_delete and instance.hostname:
        # A deleted site's own hostname answers nothing any more.
        host = instance.hostname
        plan.trees[Address(host, "/", public_root_url(host))] = frozenset()
    if portal_identity_changed:
        plan.add_everything()
    elif instance.root_page_id:
        root = Page.objects.filter(pk=instance.root_page_id).first()
        if root is not None:
            # After the routing tables are updated (tenancy.sync runs in the same transaction).
            def purge_new_addresses(root=root, code=instance.code):
                after = PurgePlan(f"site {code} after change")
                after.add_site(root)
                after.execute()

            transaction.on_commit(purge_new_addresses)
    purge_on_commit(plan)


@receiver(post_save, sender=ClusterSettings, dispatch_uid="caching.cluster_settings_saved")
def cluster_settings_changed(sender, instance, raw=False, **kwargs):
    if raw or not purging_needed():
        return
    plan = PurgePlan("cluster settings (置灰) changed")
    plan.add_everything()
    purge_on_commit(plan)


@receiver(post_save, sender=FriendlyLink, dispatch_uid="caching.friendly_link_saved")
@receiver(post_delete, sender=FriendlyLink, dispatch_uid="caching.friendly_link_deleted")
def friendly_links_changed(sender, instance, raw=False, **kwargs):
    if raw or not purging_needed():
        return
    site = ClusterSite.objects.filter(collection_id=instance.collection_id).first()
    if site is None or not site.root_page_id:
        return
    plan = PurgePlan(f"friendly links of {site.code}")
    plan.add_site(site.root_page)
    purge_on_commit(plan)


@receiver(post_save, sender=Organisation, dispatch_uid="caching.organisation_saved")
def organisation_changed(sender, instance, raw=False, **kwargs):
    """The issuing organisation's name and contact details are in its sites' footers."""
    if raw or not purging_needed():
        return
    sites = ClusterSite.objects.filter(organisation=instance).select_related("root_page")
    plan = PurgePlan(f"organisation {instance.pk}")
    for site in sites:
        if site.root_page_id:
            plan.add_site(site.root_page)
    purge_on_commit(plan)
