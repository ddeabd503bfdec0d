"""Create a site from a blueprint, archive, restore and delete it (information office only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from sitecluster.tenancy.models import ClusterSite

from ..forms import ProvisionSiteForm
from ..lifecycle import archive_site, delete_site, restore_site, site_is_empty
from .base import OfficeOnlyMixin

INDEX_URL = "wagtailsnippets_tenancy_clustersite:list"
EDIT_URL = "wagtailsnippets_tenancy_clustersite:edit"


class ProvisionSiteView(OfficeOnlyMixin, FormView):
    """The 站群站点 "add" view: one form, one transaction, a working site."""

    page_title = "新建站点"
    template_name = "provisioning/provision_site.html"
    form_class = ProvisionSiteForm

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(INDEX_URL), "label": "站群站点"},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        site = form.provision(self.request.user)
        if site is None:
            return self.form_invalid(form)
        address = site.canonical_url() or site.mount_path
        messages.success(
            self.request,
            f"站点“{site.name}”已创建（{address}），站点管理员、审核员和编辑用户组已就绪。",
        )
        return redirect(EDIT_URL, site.pk)


class SiteActionView(OfficeOnlyMixin, TemplateView):
    """A confirmation page, then the action on POST."""

    template_name = "provisioning/confirm_site_action.html"
    action_label = ""
    button_class = "button"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.site = get_object_or_404(ClusterSite, pk=kwargs["pk"])

    def get_page_title(self):
        return f"{self.action_label}站点"

    def get_page_subtitle(self):
        return self.site.name

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(INDEX_URL), "label": "站群站点"},
            {"url": reverse(EDIT_URL, args=[self.site.pk]), "label": self.site.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def explanation(self) -> list[str]:
        return []

    def allowed(self) -> bool:
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            site=self.site,
            explanation=self.explanation(),
            allowed=self.allowed(),
            action_label=self.action_label,
            button_class=self.button_class,
            cancel_url=reverse(INDEX_URL),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.allowed():
            return self.get(request, *args, **kwargs)
        try:
            message = self.perform()
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            return redirect(request.path)
        messages.success(request, message)
        return redirect(self.success_url())

    def success_url(self):
        return reverse(INDEX_URL)


class ArchiveSiteView(SiteActionView):
    action_label = "归档"
    button_class = "button serious"

    def allowed(self):
        return self.site.is_active and self.site.kind != "portal"

    def explanation(self):
        if self.site.kind == "portal":
            return ["门户网站不能归档：所有成员站点都位于门户之下。"]
        if not self.site.is_active:
            return ["该站点已经归档。"]
        hosts = [h for h in [self.site.hostname, *self.site.alias_list] if h]
        return [
            "归档后该站点所有页面下线（内容和历史版本保留），门户内路径不再可访问。",
            "移除域名：" + ("、".join(hosts) if hosts else "（无独立域名）") + "；恢复时自动找回。",
            "恢复站点时，将重新发布归档时在线的页面版本。",
        ]

    def perform(self):
        count = archive_site(self.site, user=self.request.user)
        return f"站点“{self.site.name}”已归档，{count} 个页面已下线。"


class RestoreSiteView(SiteActionView):
    action_label = "恢复"

    def allowed(self):
        return not self.site.is_active

    def explanation(self):
        if self.site.is_active:
            return ["该站点没有归档，无需恢复。"]
        hosts = self.site.archived_hostnames.split()
        return [
            "恢复域名：" + ("、".join(hosts) if hosts else "（无独立域名）") + "。",
            "重新发布归档时在线的页面版本；归档期间保存的草稿仍为草稿。",
        ]

    def perform(self):
        count = restore_site(self.site, user=self.request.user)
        return f"站点“{self.site.name}”已恢复，重新发布 {count} 个页面。"

    def success_url(self):
        return reverse(EDIT_URL, args=[self.site.pk])


class DeleteSiteView(SiteActionView):
    action_label = "删除"
    button_class = "button serious"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.empty, self.reasons = site_is_empty(self.site)

    def allowed(self):
        return self.empty and self.site.kind != "portal"

    def explanation(self):
        if self.site.kind == "portal":
            return ["门户网站不能删除。"]
        if not self.empty:
            return ["只有空站点可以删除；该站点不是空站点，可以改为归档。", *self.reasons]
        return [
            "该站点只有站点模板创建的栏目，媒体库为空。",
            "删除将移除其全部页面、三个用户组、媒体库和审核流程，且不可撤销。",
        ]

    def perform(self):
        name = self.site.name
        delete_site(self.site, user=self.request.user)
        return f"站点“{name}”已删除。"
