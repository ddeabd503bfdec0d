"""Reports confined to the user's sites.

Wagtail scopes the rows of most page reports through the page policy, but not their filter
choices (every user who locked a page or requested a review, every workflow and task), nor the
page types usage report (counts and "last edited page" over the whole tree, every Wagtail site)
nor site history (image and document log entries by model permission, i.e. every site's).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.utils.functional import cached_property

from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry

from .. import queries
from ..media import viewable_model_log_entries
from ..moderation import prime_group_task_checks
from ..scope import is_scoped


class ScopedFiltersMixin:
    """Replaces the querysets/choices of named filter fields for scoped users."""

    def scoped_filter_choices(self, user) -> dict:
        return {}

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None and is_scoped(self.request.user):
            for name, choices in self.scoped_filter_choices(self.request.user).items():
                field = filterset.form.fields.get(name)
                if field is None:
                    continue
                if hasattr(field, "queryset"):
                    field.queryset = choices
                else:
                    field.choices = choices
        return filterset


class ScopedLockedPagesView(ScopedFiltersMixin, LockedPagesView):
    def scoped_filter_choices(self, user):
        return {"locked_by": queries.users_who_locked(user)}


class ScopedAgingPagesView(ScopedFiltersMixin, AgingPagesView):
    pass


class ScopedWorkflowView(ScopedFiltersMixin, WorkflowView):
    def dispatch(self, request, *args, **kwargs):
        prime_group_task_checks(request.user)
        return super().dispatch(request, *args, **kwargs)

    def scoped_filter_choices(self, user):
        return {
            "workflow": queries.own_workflows(user),
            "requested_by": queries.users_who_requested(user),
        }

    def get_queryset(self):
        queryset = super().get_queryset()
        if is_scoped(self.request.user):
            queryset = queryset.filter(pk__in=queries.own_workflow_states(self.request.user))
        return queryset


class ScopedWorkflowTasksView(ScopedFiltersMixin, WorkflowTasksView):
    def dispatch(self, request, *args, **kwargs):
        prime_group_task_checks(request.user)
        return super().dispatch(request, *args, **kwargs)

    def scoped_filter_choices(self, user):
        return {"workflow": queries.own_workflows(user), "task": queries.own_tasks(user)}

    def get_queryset(self):
        queryset = super().get_queryset()
        if is_scoped(self.request.user):
            queryset = queryset.filter(
                workflow_state__in=queries.own_workflow_states(self.request.user)
            )
        return queryset


class ScopedPageTypesUsageView(ScopedFiltersMixin, PageTypesUsageReportView):
    def scoped_filter_choices(self, user):
        from sitecluster.tenancy.models import ClusterSite
        from sitecluster.tenancy.roles import site_ids_for_user

        sites = ClusterSite.objects.filter(pk__in=site_ids_for_user(user)).select_related(
            "root_page"
        )
        return {"site": [("", "---------")] + [(s.root_page.path, s.name) for s in sites]}

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not is_scoped(user):
            return queryset
        own = queries.own_pages_q(user)
        site_root_path = self.filters.form.cleaned_data.get("site") if self.filters else None
        if site_root_path:
            own &= Q(path__startswith=site_root_path)
        latest = (
            Page.objects.filter(own, content_type=OuterRef("pk"))
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .values("pk")[:1]
        )
        # order_by(): the tree manager orders by path, which would split the group per page.
        counts = Page.objects.filter(own, content_type=OuterRef("pk")).order_by()
        counts = counts.values("content_type").annotate(n=Count("pk")).values("n")
        return queryset.annotate(
            count=Subquery(counts, output_field=IntegerField()),
            last_edited_page_id=Subquery(latest),
        ).order_by(F("count").desc(nulls_last=True), "app_label", "model")


def viewable_log_entries(log_model, user):
    if not is_scoped(user):
        return log_model.objects.viewable_by_user(user)
    if issubclass(log_model, PageLogEntry):
        return log_model.objects.filter(page__in=queries.own_pages(user))
    return viewable_model_log_entries(log_model, user)


class ScopedLogEntriesView(LogEntriesView):
    def get_filtered_queryset(self):
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            sub = (
                viewable_log_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")

    @cached_property
    def filters(self):
        filterset = super().filters
        user = self.request.user
        if filterset is not None and is_scoped(user):
            User = get_user_model()
            user_ids = set()
            for log_model in log_action_registry.get_log_entry_models():
                user_ids.update(viewable_log_entries(log_model, user).get_user_ids())
            field = filterset.form.fields.get("user")
            if field is not None:
                field.queryset = User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)
        return filterset
