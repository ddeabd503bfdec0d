"""主题管理: the information office's theme admin (list, per-site settings, preview, bulk switch,
置灰). Every view refuses anyone without ``tenancy.manage_cluster``."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.roles import is_information_office

from ..mourning import mourning_active, mourning_state, switch_mourning
from ..registry import registry
from ..resolution import PREVIEW_PARAM, make_preview_token
from ..variables import clean_site_values
from .forms import BulkSwitchForm, MourningForm, PreviewForm, SiteThemeForm, ThemeChoiceForm

ACTION_SWITCH = "themes.switch"
ACTION_VARIABLES = "themes.variables"


class OfficeOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_information_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ThemeAdminView(OfficeOnlyMixin, WagtailAdminTemplateMixin, View):
    header_icon = "desktop"

    def get_breadcrumbs_items(self):
        index = {"url": reverse("themes_admin_index"), "label": "主题管理"}
        items = [*self.breadcrumbs_items, index]
        if self.page_title != "主题管理":
            items.append({"url": "", "label": self.page_title})
        return items


def apply_theme(site: ClusterSite, theme_name: str, variables: dict, user, bulk=False) -> bool:
    """Set a site's theme and variables and log it; False if nothing changed."""
    old_theme, old_variables = site.theme, site.theme_variables or {}
    if old_theme == theme_name and old_variables == variables:
        return False
    site.theme, site.theme_variables = theme_name, variables
    site.save(update_fields=["theme", "theme_variables", "updated_at"])
    action = ACTION_SWITCH if old_theme != theme_name else ACTION_VARIABLES
    log(
        instance=site,
        action=action,
        user=user,
        data={
            "from": old_theme,
            "to": theme_name,
            "variables": variables,
            "previous_variables": old_variables,
            "bulk": bulk,
        },
    )
    return True


class ThemeIndexView(ThemeAdminView):
    page_title = "主题管理"
    template_name = "themes/admin/index.html"

    def get(self, request):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = list(ClusterSite.objects.active().order_by("sort_order", "pk"))
        usage = Counter(site.theme for site in sites)
        enabled, until = mourning_state()
        known = set(registry.themes)
        context.update(
            themes=[(theme, usage[theme.name]) for theme in registry.all()],
            sites=sites,
            unknown_theme_sites=[site for site in sites if site.theme not in known],
            mourning_enabled=enabled,
            mourning_until=until,
            mourning_active=mourning_active(),
            mourning_form=MourningForm(initial={"on": "0" if enabled else "1"}),
        )
        return context


class SiteThemeView(ThemeAdminView):
    template_name = "themes/admin/site_theme.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.site = get_object_or_404(ClusterSite, pk=kwargs["pk"])
        self.page_title = f"{self.site.name} · 主题"

    def chosen_theme(self, data):
        chooser = ThemeChoiceForm(data or None, initial={"theme": self.site.theme})
        name = chooser.cleaned_data["theme"] if chooser.is_valid() else self.site.theme
        return chooser, registry.resolve(name)

    def get(self, request, pk):
        chooser, theme = self.chosen_theme(request.GET if "theme" in request.GET else None)
        form = SiteThemeForm(site=self.site, theme=theme)
        return self.render_to_response(self.get_context_data(chooser=chooser, form=form))

    def post(self, request, pk):
        chooser, theme = self.chosen_theme(request.POST)
        form = SiteThemeForm(request.POST, site=self.site, theme=theme)
        if not (chooser.is_valid() and form.is_valid()):
            messages.error(request, "主题设置有误，请检查下方标出的内容。")
            return self.render_to_response(self.get_context_data(chooser=chooser, form=form))
        with transaction.atomic():
            site = ClusterSite.objects.select_for_update().get(pk=self.site.pk)
            changed = apply_theme(site, theme.name, form.cleaned_data["variables"], request.user)
        if changed:
            messages.success(request, f"已将“{site.name}”设置为“{theme.title}”主题。")
        else:
            messages.info(request, "主题设置没有变化。")
        return redirect("themes_admin_index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = kwargs["form"].theme
        context.update(
            site=self.site,
            theme=theme,
            preview_url=reverse("themes_admin_preview")
            + "?"
            + urlencode({"site": self.site.pk, "theme": theme.name}),
        )
        return context


def preview_target(site: ClusterSite, which: str) -> Page | None:
    """The site's home page, its first column, or its latest article."""
    root = site.root_page
    if which == "home":
        return root
    live = Page.objects.descendant_of(root).live().public()
    if which == "column":
        return live.child_of(root).in_menu().order_by("path").first()
    from content_models.articles.models import ArticlePage

    return ArticlePage.objects.descendant_of(root).live().public().order_by("-publish_at").first()


class PreviewView(ThemeAdminView):
    page_title = "主题预览"
    template_name = "themes/admin/preview.html"

    def get(self, request):
        form = PreviewForm(request.GET or None)
        context = {"form": form}
        if form.is_valid():
            site, theme = form.cleaned_data["site"], registry.get(form.cleaned_data["theme"])
            if theme is None:
                raise Http404
            target = preview_target(site, form.cleaned_data["page"])
            if target is None:
                messages.warning(request, "该站点还没有可预览的页面，已改为预览首页。")
                target = site.root_page
            # Relative when the page is reachable on the admin's own host (same origin, so the
            # frame keeps the port and the session), else the page's full URL.
            url = target.get_url(request) or target.get_full_url(request)
            token = make_preview_token(theme.name, site.pk)
            context.update(
                site=site,
                theme=theme,
                target=target,
                frame_url=f"{url}?{urlencode({PREVIEW_PARAM: token})}",
                switch_url=reverse("themes_admin_site", args=[site.pk])
                + "?"
                + urlencode({"theme": theme.name}),
            )
        return self.render_to_response(self.get_context_data(**context))


class BulkSwitchView(ThemeAdminView):
    page_title = "批量切换主题"
    template_name = "themes/admin/bulk_switch.html"

    def get(self, request):
        initial = {"sites": request.GET.getlist("sites"), "theme": request.GET.get("theme")}
        return self.render_to_response(self.get_context_data(form=BulkSwitchForm(initial=initial)))

    def post(self, request):
        form = BulkSwitchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        theme = registry.get(form.cleaned_data["theme"])
        sites = list(form.cleaned_data["sites"])
        plan = [(site, self.variables_after(site, theme, form)) for site in sites]
        if not form.cleaned_data["confirm"]:
            confirm_form = BulkSwitchForm(
                initial={**form.cleaned_data, "sites": [s.pk for s in sites], "confirm": True}
            )
            return self.render_to_response(
                self.get_context_data(form=confirm_form, plan=plan, theme=theme, confirming=True)
            )
        changed = 0
        with transaction.atomic():
            for site, variables in plan:
                locked = ClusterSite.objects.select_for_update().get(pk=site.pk)
                changed += apply_theme(locked, theme.name, variables, request.user, bulk=True)
        messages.success(request, f"已将 {changed} 个站点切换为“{theme.title}”主题。")
        return redirect("themes_admin_index")

    @staticmethod
    def variables_after(site, theme, form) -> dict:
        if not form.cleaned_data["keep_variables"]:
            return {}
        current = site.theme_variables if isinstance(site.theme_variables, dict) else {}
        kept = {name: value for name, value in current.items() if name in theme.variables}
        cleaned, _errors = clean_site_values(theme.variables, kept)
        return cleaned


class MourningView(OfficeOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = MourningForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("themes_admin_index")
        on, until = form.cleaned_data["on"], form.cleaned_data["until"]
        switch_mourning(on, user=request.user, until=until if on else None)
        if on and until:
            local = timezone.localtime(until).strftime("%Y-%m-%d %H:%M")
            messages.success(request, f"已开启全站置灰，将于 {local} 自动恢复。")
        elif on:
            messages.success(request, "已开启全站置灰，关闭前所有网站均以灰色显示。")
        else:
            messages.success(request, "已关闭全站置灰，所有网站恢复彩色显示。")
        return redirect(
            "wagtailadmin_home" if request.POST.get("next") == "home" else "themes_admin_index"
        )
