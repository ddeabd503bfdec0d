"""Who may handle which applications: the information office every body's, site staff their
own body's. Site roles come from ``sitecluster.tenancy.roles`` (imported lazily: this module is
used only by the admin, through wagtail_hooks)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model

from wagtail.permission_policies.base import BasePermissionPolicy


def is_information_office(user) -> bool:
    from sitecluster.tenancy.roles import is_information_office as office

    return office(user)


def body_ids_for_user(user) -> set[int] | None:
    """Organisation ids this user handles applications for; None means every body."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    if is_information_office(user):
        return None
    from sitecluster.tenancy.roles import site_ids_for_user

    site_ids = site_ids_for_user(user)
    if not site_ids:
        return set()
    cluster_site = apps.get_model("tenancy", "ClusterSite")
    return set(
        cluster_site.objects.filter(pk__in=site_ids).values_list("organisation_id", flat=True)
    )


def scoped_requests(user, queryset=None):
    from ..models import DisclosureRequest

    queryset = DisclosureRequest.objects.all() if queryset is None else queryset
    bodies = body_ids_for_user(user)
    return queryset if bodies is None else queryset.filter(organisation_id__in=bodies)


def scoped_organisations(user):
    from content_models.organisations.models import Organisation

    bodies = body_ids_for_user(user)
    queryset = Organisation.objects.all()
    return queryset if bodies is None else queryset.filter(pk__in=bodies)


class RequestPermissionPolicy(BasePermissionPolicy):
    """add/change/view for staff of any site (on their own bodies); delete for the office."""

    def __init__(self, model):
        super().__init__(model)

    def user_has_permission(self, user, action):
        if not (user and user.is_active and user.is_authenticated):
            return False
        bodies = body_ids_for_user(user)
        if bodies is None:
            return True
        return action in ("add", "change", "view") and bool(bodies)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        bodies = body_ids_for_user(user)
        return bodies is None or instance.organisation_id in bodies

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return scoped_requests(user, self.model.objects.all())

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class OfficeOnlyPolicy(RequestPermissionPolicy):
    """The holiday calendar: the information office only."""

    def user_has_permission(self, user, action):
        return bool(user and user.is_active and is_information_office(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        if self.user_has_permission(user, action):
            return self.model.objects.all()
        return self.model.objects.none()
