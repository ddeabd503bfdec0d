"""Receivers: client registrations follow the sites; sessions are recorded and ended together."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from sitecluster.tenancy.models import ClusterSite

from . import clients, sessions


@receiver(post_save, sender=ClusterSite, dispatch_uid="sso.cluster_site_saved")
def cluster_site_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # tenancy's receiver (connected first) has already set the site's mount path.
    clients.sync_site_and_portal(instance)


@receiver(post_delete, sender=ClusterSite, dispatch_uid="sso.cluster_site_deleted")
def cluster_site_deleted(sender, instance, **kwargs):
    instance.status = "archived"
    clients.sync_site_and_portal(instance)


@receiver(post_migrate, dispatch_uid="sso.post_migrate")
def register_clients_after_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.label == "sso":
        clients.sync_all_clients()


@receiver(user_logged_in, dispatch_uid="sso.user_logged_in")
def remember_session(sender, request, user, **kwargs):
    sessions.record_session(request, user)


@receiver(user_logged_out, dispatch_uid="sso.user_logged_out")
def end_every_session(sender, request, user, **kwargs):
    if user is not None:
        sessions.end_all_sessions(user)
