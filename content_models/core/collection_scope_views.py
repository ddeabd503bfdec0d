"""Admin for :class:`~content_models.core.collection_scope.CollectionScopedSnippet` models.

:class:`CollectionScopedSnippetViewSet` registers the collection-scoped permission policy for
its model and confines every view to the rows of the user's collections: the listing, the
chooser (list, search, chosen, chosen-multiple), and every view that names one row by its
primary key (edit, delete, copy, history, usage, inspect, revisions …) answers 404 for rows of
other collections. Wagtail's generic views check only model-level permissions, so this is
what keeps one site from opening another site's rows by id.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import Http404

from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .collection_scope import CHOOSE_ACTIONS, CollectionScopedPermissionPolicy

VISIBLE_ACTIONS = ("view", "change", "delete")


def visible_rows(model, user, actions=VISIBLE_ACTIONS):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, actions)


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        visible = visible_rows(self.model, self.request.user)
        return super().get_base_queryset().filter(pk__in=visible)


class ScopedObjectMixin:
    """404 for a view naming a row (``pk``) outside the user's collections."""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            model = self.model
            if not visible_rows(model, request.user).filter(pk=unquote(str(pk))).exists():
                raise Http404
        return super().dispatch(request, *args, **kwargs)


class ScopedChooserListMixin:
    def can_create(self):
        return False

    def get_object_list(self):
        # Filtered by primary key so that the search backend can apply it (FilterField "id").
        rows = visible_rows(self.model_class, self.request.user, CHOOSE_ACTIONS).values("pk")
        return self.model_class.objects.filter(pk__in=rows)


class ScopedChooseView(ScopedChooserListMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserListMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return visible_rows(self.model_class, self.request.user, CHOOSE_ACTIONS).get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        rows = visible_rows(self.model_class, self.request.user, CHOOSE_ACTIONS)
        return rows.filter(pk__in=[pk for pk in pks if str(pk).isdigit()])


class CollectionScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView

    def get_urlpatterns(self):
        # No "create" from inside the chooser: rows are created in the listing, where the
        # collection field offers only the user's own sites.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class CollectionScopedSnippetViewSet(SnippetViewSet):
    index_view_class = ScopedIndexView
    chooser_viewset_class = CollectionScopedChooserViewSet

    def on_register(self):
        register_permission_policy(
            self.model, CollectionScopedPermissionPolicy(self.model), exact_class=True
        )
        super().on_register()

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, (IndexView, ScopedObjectMixin)):
            view_class = type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
