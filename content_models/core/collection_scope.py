"""Snippets that belong to one site, keyed on the site's media Collection.

Every site of the cluster owns one ``wagtailcore.Collection`` and its groups hold collection
permissions on it, so "the collections this user holds any collection permission on (and
their descendants)" is the set of sites the user works for, without content models knowing
about sites. A :class:`CollectionScopedSnippet` row is visible to, and editable by, users who
hold the model permission for the action (``links.change_friendlylink`` …) *and* belong to the
row's collection. The information office, which holds permissions on the root collection,
sees every site's rows.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.search import index

_MEMBER_PATHS_ATTR = "_collection_scope_member_paths"
# "choose" is not a Django permission: anyone who may view, add or change rows may choose them.
CHOOSE_ACTIONS = ("view", "add", "change")


def member_collection_paths(user) -> tuple[str, ...]:
    """Paths of the outermost collections the user holds any collection permission on.

    One query, cached on the user object for the request.
    """
    paths = getattr(user, _MEMBER_PATHS_ATTR, None)
    if paths is None:
        if not (user and user.is_authenticated and user.is_active):
            paths = ()
        else:
            rows = sorted(
                set(
                    GroupCollectionPermission.objects.filter(group__user=user).values_list(
                        "collection__path", flat=True
                    )
                )
            )
            outermost: list[str] = []
            for path in rows:
                if not outermost or not path.startswith(outermost[-1]):
                    outermost.append(path)
            paths = tuple(outermost)
        setattr(user, _MEMBER_PATHS_ATTR, paths)
    return paths


def member_collections_q(user, prefix: str = "") -> Q:
    """Collections (as a Q on ``prefix`` + ``path``) the user belongs to; one OR per root."""
    q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for path in member_collection_paths(user):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


class CollectionScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permission for the action, limited to rows of the user's collections."""

    def user_has_permission(self, user, action):
        if action == "choose":
            return self.user_has_any_permission(user, CHOOSE_ACTIONS)
        if not super().user_has_permission(user, action):
            return False
        return user.is_superuser or bool(member_collection_paths(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _in_member_collection(self, user, instance) -> bool:
        if user.is_superuser:
            return True
        path = instance.collection.path
        return any(path.startswith(root) for root in member_collection_paths(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_member_collection(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_member_collection(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not self.user_has_any_permission(user, actions):
            return manager.none()
        if user.is_superuser:
            return manager.all()
        return manager.filter(member_collections_q(user, prefix="collection__"))

    def collections_user_has_any_permission_for(self, user, actions):
        """Collections the user may put rows in (for the collection field)."""
        if not self.user_has_any_permission(user, actions):
            return Collection.objects.none()
        if user.is_superuser:
            return Collection.objects.all()
        return Collection.objects.filter(member_collections_q(user))


class CollectionScopedSnippetForm(WagtailAdminModelForm):
    """The collection field offers only the acting user's collections (its sites)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("collection")
        if field is None or self.for_user is None:
            return
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(self._meta.model)
        allowed = policy.collections_user_has_any_permission_for(self.for_user, {"add", "change"})
        field.queryset = allowed.order_by("path")
        field.error_messages["invalid_choice"] = "请选择您所在站点的栏目库。"
        if not self.instance.pk and not self.initial.get("collection"):
            first_two = list(field.queryset[:2])
            if len(first_two) == 1:
                self.initial["collection"] = first_two[0].pk


class CollectionScopedSnippet(models.Model):
    """Abstract base: a snippet owned by one site through the site's Collection."""

    collection = models.ForeignKey(
        Collection,
        verbose_name="所属站点",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="该内容属于哪个站点（站点的媒体库）。",
    )

    base_form_class = CollectionScopedSnippetForm
    # For subclasses that are ``index.Indexed``: listings and choosers filter searches by id.
    search_fields = [index.FilterField("id"), index.FilterField("collection")]

    class Meta:
        abstract = True
