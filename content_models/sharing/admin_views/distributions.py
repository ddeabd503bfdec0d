"""分发 in the admin: push a portal article to member sites, and the list of what was pushed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content_models.articles.models import ArticlePage

from .. import distribution
from ..models import ReferencePage
from ..sites import site_home_of
from .forms import DistributeForm
from .offers import error_text
from .scope import can_distribute, distributions, portal_home_ids, site_names


class DistributionMixin(WagtailAdminTemplateMixin):
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_distribute(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DistributionIndexView(DistributionMixin, TemplateView):
    page_title = "分发记录"
    template_name = "sharing/admin/distribution_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = distributions(self.request.user).select_related("source", "sent_by")
        page = Paginator(rows, 50).get_page(self.request.GET.get("p"))
        ids = [row.pk for row in page]
        counts = {}
        for dist_id, live in ReferencePage.objects.filter(distribution_id__in=ids).values_list(
            "distribution_id", "live"
        ):
            total, shown = counts.get(dist_id, (0, 0))
            counts[dist_id] = (total + 1, shown + int(live))
        names = site_names()
        for row in page:
            row.sender_name = names.get(row.sender_home_id, "")
            row.total, row.shown = counts.get(row.pk, (0, 0))
        context["rows"] = page
        return context


class DistributeView(DistributionMixin, TemplateView):
    page_title = "分发到成员站点"
    template_name = "sharing/admin/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_distribute(request.user):
            raise PermissionDenied
        self.source = get_object_or_404(ArticlePage.objects.live(), pk=kwargs["page_id"])
        self.home = site_home_of(self.source)
        allowed = portal_home_ids(request.user)
        if self.home is None or (allowed is not None and self.home.pk not in allowed):
            raise Http404
        if self.home.cluster_site.kind != "portal":
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return DistributeForm(data, sender_home=self.home)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), source=self.source, submit_label="分发")
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = distribution.distribute(
                    self.source,
                    user=request.user,
                    kinds=data["kinds"] if data["scope"] == "kind" else (),
                    homes=[site.root_page for site in data["sites"]]
                    if data["scope"] == "list"
                    else (),
                    column_type=data["column_type"],
                    target=form.target_label(),
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                text = f"已将“{self.source.title}”分发到 {len(result.delivered)} 个站点。"
                if result.skipped:
                    names = "、".join(home.cluster_site.name for home, _ in result.skipped)
                    text += f"以下站点没有对应栏目，未分发：{names}。"
                messages.success(request, text)
                return redirect("sharing_distributions")
        return self.render_to_response(self.get_context_data(form=form))
