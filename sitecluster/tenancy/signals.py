"""Signals that keep the routing tables derived from ClusterSite and Wagtail's Site."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import Site as WagtailSite

from . import sync
from .models import ClusterSite


@receiver(post_save, sender=ClusterSite, dispatch_uid="tenancy.cluster_site_saved")
def cluster_site_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync.sync_cluster_site(instance)
    instance._loaded_aliases = instance.aliases


@receiver(post_delete, sender=ClusterSite, dispatch_uid="tenancy.cluster_site_deleted")
def cluster_site_deleted(sender, instance, **kwargs):
    if instance.wagtail_site_id:
        WagtailSite.objects.filter(pk=instance.wagtail_site_id).delete()
    instance.status = "archived"
    sync._sync_aliases(instance, None)


@receiver(pre_save, sender=WagtailSite, dispatch_uid="tenancy.wagtail_site_pre_save")
def remember_previous_hostname(sender, instance, raw=False, **kwargs):
    instance._previous_hostname = (
        WagtailSite.objects.filter(pk=instance.pk).values_list("hostname", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=WagtailSite, dispatch_uid="tenancy.wagtail_site_saved")
def wagtail_site_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync.sync_wagtail_site_to_multisite(instance, getattr(instance, "_previous_hostname", None))


@receiver(post_delete, sender=WagtailSite, dispatch_uid="tenancy.wagtail_site_deleted")
def wagtail_site_deleted(sender, instance, **kwargs):
    sync.remove_multisite_for(instance.hostname)
