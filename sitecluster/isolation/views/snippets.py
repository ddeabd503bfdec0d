"""Snippet choosers of cluster-wide models, checked against the model's permission policy.

Wagtail's generic chooser views (choose, results, chosen, chosen-multiple) consult no policy:
anyone with admin access could list every ClusterSite (hostnames, contacts) or every search
best bet and synonym through their choosers. Site-scoped snippets use ``content_models.core``'s
policy-aware chooser instead; these models' viewsets are not ours, so their chooser URLs are
answered here first. Shared reference data every site may choose (Organisation) is not gated.
"""

from __future__ import annotations

from functools import wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import path

from wagtail import hooks
from wagtail.permissions import policy_registry

ANY_ACTION = {"view", "choose", "add", "change", "delete"}
# Information-office models (by label: the isolation app does not import the apps that own them).
GATED_MODELS = ("tenancy.ClusterSite", "search.Synonym", "search.BestBet")


def gated_models():
    """The installed, snippet-registered models of :data:`GATED_MODELS`."""
    found = []
    for label in GATED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if hasattr(model, "snippet_viewset"):
            found.append(model)
    return found


def policy_gated(view, model):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_any_permission(request.user, ANY_ACTION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def policy_checked_choosers():
    """URL patterns shadowing the chooser URLs of :func:`gated_models`."""
    hooks.search_for_hooks()
    patterns = []
    for model in gated_models():
        viewset = model.snippet_viewset.chooser_viewset
        prefix = viewset.url_prefix.strip("/")
        name = f"isolation_{viewset.name}"
        for suffix, view, url_name in (
            ("", viewset.choose_view, "choose"),
            ("results/", viewset.choose_results_view, "choose_results"),
            ("chosen/<str:pk>/", viewset.chosen_view, "chosen"),
            ("chosen-multiple/", viewset.chosen_multiple_view, "chosen_multiple"),
            ("create/", viewset.create_view, "create"),
        ):
            patterns.append(
                path(f"{prefix}/{suffix}", policy_gated(view, model), name=f"{name}_{url_name}")
            )
    return patterns
