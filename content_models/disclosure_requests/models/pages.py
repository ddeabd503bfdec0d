"""The public page of 依申请公开: apply, get a tracking code, check the status."""

from __future__ import annotations

from django.db import models
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content_models.core.models import BasePage

SESSION_KEY = "disclosure_request_ids"


class DisclosureRequestFormPage(RoutablePageMixin, BasePage):
    intro = models.TextField("说明", blank=True, max_length=1000)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="受理机关",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="留空则由申请人选择受理机关（门户）；成员站点通常填写本机关。",
    )

    blueprint_page_type = "disclosure_request_form"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("organisation")]
    parent_page_types = ["columns.ColumnPage", "home.PortalHomePage", "home.MemberSiteHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "依申请公开"
        verbose_name_plural = "依申请公开"

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "interaction"

    def get_column_type_display(self):
        return "互动交流"

    def receiving_organisation(self):
        """This page's fixed body; on the portal (or unset) the applicant chooses one."""
        if self.organisation_id:
            return self.organisation
        paths = [self.path[:end] for end in range(Page.steplen, len(self.path), Page.steplen)]
        home = (
            Page.objects.filter(path__in=paths, cluster_site__isnull=False)
            .select_related("cluster_site__organisation")
            .order_by("-depth")
            .first()
        )
        if home is None or home.cluster_site.kind == "portal":
            return None
        return home.cluster_site.organisation

    def organisations(self):
        from content_models.organisations.models import Organisation

        return (
            Organisation.objects.filter(cluster_sites__status="active")
            .distinct()
            .order_by("cluster_sites__sort_order", "name")
        )

    def _render(self, request, template, context):
        return TemplateResponse(
            request, template, {**self.get_context(request), **context, "page": self}
        )

    @path("")
    def apply(self, request):
        from ..forms import ApplicationForm
        from ..models import Channel
        from ..workflow import submit

        fixed = self.receiving_organisation()
        form = ApplicationForm(
            request.POST or None,
            organisations=None if fixed else self.organisations(),
            fixed_organisation=fixed,
        )
        if request.method == "POST" and form.is_valid():
            application = form.save(commit=False)
            if fixed is not None:
                application.organisation = fixed
            application.channel = Channel.ONLINE
            if request.user.is_authenticated:
                application.owner = request.user
            submit(application)
            request.session[SESSION_KEY] = [
                *request.session.get(SESSION_KEY, []),
                application.pk,
            ][-20:]
            return self._render(
                request,
                "disclosure_requests/request_submitted.html",
                {"application": application},
            )
        return self._render(
            request, "disclosure_requests/disclosure_request_form_page.html", {"form": form}
        )

    @path("status/")
    def status(self, request):
        from ..forms import StatusLookupForm
        from ..models import DisclosureRequest

        form = StatusLookupForm(request.POST or None)
        application = None
        if request.method == "POST" and form.is_valid():
            candidate = DisclosureRequest.objects.filter(
                tracking_code=form.cleaned_data["code"]
            ).first()
            if candidate is not None and candidate.contact_matches(form.cleaned_data["contact"]):
                application = candidate
                request.session[SESSION_KEY] = [
                    *request.session.get(SESSION_KEY, []),
                    candidate.pk,
                ][-20:]
            else:
                form.add_error(None, "查询码或联系方式不正确。")
        return self._render(
            request,
            "disclosure_requests/request_status.html",
            {"form": form, "application": application},
        )

    @path("files/<int:file_id>/")
    def reply_file(self, request, file_id):
        from ..models import ReplyFile

        reply_file = ReplyFile.objects.filter(pk=file_id).select_related("request").first()
        if reply_file is None or reply_file.request_id not in request.session.get(SESSION_KEY, []):
            raise Http404("文件不存在或无权查看")
        return FileResponse(
            reply_file.file.open("rb"), as_attachment=True, filename=reply_file.title
        )
