"""The handling view (办理): the clock, the history and one form for every transition."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from .. import workflow
from ..models import DisclosureRequest
from .access import scoped_requests
from .forms import ProcessForm


class ProcessView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure_requests/admin/process.html"
    page_title = "办理依申请公开"
    header_icon = "mail"

    def dispatch(self, request, pk):
        self.object = get_object_or_404(scoped_requests(request.user), pk=pk)
        if not request.user.is_authenticated:
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return f"{self.object.tracking_code} {self.object.applicant_name}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "仪表板"},
            {"url": reverse("disclosure_requests:index"), "label": "依申请公开"},
            {"url": "", "label": self.object.tracking_code},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        context.update(
            application=request,
            form=kwargs.get("form") or ProcessForm(state=request.state),
            remaining=workflow.remaining_working_days(request),
            history=ModelLogEntry.objects.filter(
                content_type__app_label="disclosure_requests", object_id=str(request.pk)
            )
            .select_related("user")
            .order_by("-timestamp", "-pk"),
        )
        return context

    def post(self, request, pk):
        form = ProcessForm(request.POST, request.FILES, state=self.object.state)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        action = data["action"]
        kwargs = {"user": request.user, "on": data.get("on")}
        arguments = {
            "register": lambda: workflow.register(
                self.object, user=request.user, received_on=data.get("on")
            ),
            "request_correction": lambda: workflow.request_correction(
                self.object, note=data.get("note") or "", period=data.get("period"), **kwargs
            ),
            "receive_correction": lambda: workflow.receive_correction(self.object, **kwargs),
            "lapse_correction": lambda: workflow.lapse_correction(self.object, **kwargs),
            "start_consultation": lambda: workflow.start_consultation(
                self.object, party=data.get("party") or "", **kwargs
            ),
            "end_consultation": lambda: workflow.end_consultation(self.object, **kwargs),
            "extend": lambda: workflow.extend(
                self.object,
                days=data.get("days") or 0,
                reason=data.get("reason") or "",
                approved_by=data.get("approved_by") or "",
                **kwargs,
            ),
            "reply": lambda: workflow.reply(
                self.object,
                outcome=data.get("outcome") or "",
                text=data.get("text") or "",
                files=data.get("files") or [],
                **kwargs,
            ),
            "withdraw": lambda: workflow.withdraw(
                self.object, reason=data.get("reason") or "", **kwargs
            ),
        }
        try:
            arguments[action]()
        except workflow.WorkflowError as exc:
            self.object.refresh_from_db()
            form.add_error(None, str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"已完成：{dict(form.fields['action'].choices)[action]}")
        return redirect("disclosure_requests:process", pk=self.object.pk)


def process_url(instance: DisclosureRequest) -> str:
    return reverse("disclosure_requests:process", args=[instance.pk])
