"""Page chooser confined to the user's sites.

Wagtail's page chooser browses the whole tree from the root and its chosen-multiple endpoint
returns the title of any page id; neither consults a permission policy.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect

from wagtail.admin.views import chooser
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry

from ..scope import is_scoped


def explorable_ids(user):
    return policy_registry.get_by_type(Page).explorable_instances(user).values_list("pk", flat=True)


class ScopedBrowseView(chooser.BrowseView):
    """Starts at the user's explorable root; refuses pages outside the user's sites."""

    def get(self, request, parent_page_id=None):
        if is_scoped(request.user):
            policy = policy_registry.get_by_type(Page)
            root = policy.explorable_root_instance(request.user)
            if root is None:
                raise Http404
            if parent_page_id is None:
                parent_page_id = root.pk
            elif not policy.explorable_instances(request.user).filter(pk=parent_page_id).exists():
                raise Http404
        return super().get(request, parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        if is_scoped(request.user):
            request.GET = request.GET.copy()
            allowed = set(
                explorable_ids(request.user).filter(
                    pk__in=[pk for pk in request.GET.getlist("id") if pk.isdigit()]
                )
            )
            request.GET.setlist("id", [str(pk) for pk in allowed])
        return super().get(request)


def filter_chooser_pages(pages, request):
    """``construct_page_chooser_queryset``: browse and search show only explorable pages."""
    if is_scoped(request.user):
        pages = pages.filter(pk__in=explorable_ids(request.user))
    return pages


def guarded_explorer(view_name: str):
    """Wagtail's explorer (per page type) that refuses parents outside the user's sites.

    Wagtail only checks that the parent is below the explorable root, which for the portal's
    users is every member site, so another site's home page title would show.
    """
    wagtail_view = page_viewset_registry.as_view(view_name, parent_page_id_kwarg="parent_page_id")

    def view(request, parent_page_id):
        if is_scoped(request.user) and not (
            explorable_ids(request.user).filter(pk=parent_page_id).exists()
        ):
            root = policy_registry.get_by_type(Page).explorable_root_instance(request.user)
            if root is None or root.pk == parent_page_id:
                raise Http404
            return redirect("wagtailadmin_explore", root.pk)
        return wagtail_view(request, parent_page_id=parent_page_id)

    return view
