"""Admin viewsets: applications (scoped to the user's bodies) and the holiday calendar."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .. import workflow
from ..models import CalendarDay, Channel, DisclosureRequest
from .access import OfficeOnlyPolicy, RequestPermissionPolicy, scoped_organisations, scoped_requests
from .views import ProcessView, process_url


class ScopedObjectMixin:
    def get_object(self, queryset=None):
        pk = self.kwargs.get(self.pk_url_kwarg) or getattr(self, "pk", None)
        return get_object_or_404(scoped_requests(self.request.user), pk=pk)


class RequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped_requests(self.request.user, super().get_base_queryset()).select_related(
            "organisation"
        )


class RequestCreateView(generic.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["organisation"].queryset = scoped_organisations(self.request.user)
        form.fields["channel"].choices = [
            (value, label) for value, label in Channel.choices if value != Channel.ONLINE
        ]
        form.fields["received_on"].required = True
        form.fields[
            "received_on"
        ].help_text = "当面提交为提交之日；信函为签收之日；传真为双方确认之日（条例第31条）。"
        return form

    def save_instance(self):
        instance = self.form.save(commit=False)
        return workflow.submit(instance, user=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
            self.produced_error_message = str(exc)
            return self.form_invalid(form)


class RequestEditView(ScopedObjectMixin, generic.EditView):
    pass


class RequestInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class RequestDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class RequestHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class RequestUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class DueColumn(Column):
    def get_value(self, instance):
        remaining = workflow.remaining_working_days(instance)
        if remaining is None:
            return "—"
        if remaining < 0:
            return f"{instance.due_date:%Y-%m-%d}（已超期 {-remaining} 个工作日）"
        return f"{instance.due_date:%Y-%m-%d}（剩 {remaining} 个工作日）"


class RequestViewSet(ModelViewSet):
    model = DisclosureRequest
    icon = "mail"
    menu_label = "依申请公开"
    menu_order = 220
    add_to_admin_menu = True
    name = "disclosure_requests"
    url_prefix = "disclosure-requests"
    search_backend_name = None
    search_fields = ["tracking_code", "applicant_name", "description"]
    list_filter = ["state", "applicant_type", "channel", "outcome"]
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = RequestIndexView
    add_view_class = RequestCreateView
    edit_view_class = RequestEditView
    inspect_view_class = RequestInspectView
    delete_view_class = RequestDeleteView
    history_view_class = RequestHistoryView
    usage_view_class = RequestUsageView
    form_fields = [
        "organisation",
        "channel",
        "received_on",
        "applicant_type",
        "applicant_name",
        "id_type",
        "id_number",
        "legal_representative",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "description",
        "document_hint",
        "delivery_method",
        "staff_note",
    ]

    @property
    def list_display(self):
        return [
            TitleColumn("tracking_code", label="查询码", get_url=process_url),
            "applicant_name",
            Column("organisation", label="受理机关"),
            Column("state", label="办理状态", accessor="get_state_display"),
            DueColumn("due_date", label="答复期限"),
            Column("submitted_at", label="提交时间"),
        ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        if for_update:
            # Receipt facts are part of the clock: changed only through 办理.
            fields = [
                f for f in self.form_fields if f not in ("organisation", "channel", "received_on")
            ]
            return forms.modelform_factory(self.model, form=form_class, fields=fields)
        return form_class

    @property
    def process_view(self):
        return ProcessView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("process/<int:pk>/", self.process_view, name="process"),
        ]


class CalendarViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日安排"
    menu_order = 221
    add_to_admin_menu = True
    name = "holiday_calendar"
    url_prefix = "holiday-calendar"
    search_backend_name = None
    list_display = [
        "date",
        "name",
        Column("kind", label="类型", accessor="get_kind_display"),
        "note",
    ]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "name", "note"]
    copy_view_enabled = False


register_permission_policy(DisclosureRequest, RequestPermissionPolicy(DisclosureRequest))
register_permission_policy(CalendarDay, OfficeOnlyPolicy(CalendarDay))
request_viewset = RequestViewSet()
calendar_viewset = CalendarViewSet()
