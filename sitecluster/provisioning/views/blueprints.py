"""站点模板 in the admin: built-in and copied blueprints, copying, and rolling one out."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.log_actions import log

from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.roles import is_information_office

from ..blueprints import (
    BlueprintError,
    builtin_blueprint_names,
    builtin_blueprint_text,
    get_blueprint,
    load_blueprint,
)
from ..forms import RolloutForm
from ..models import SiteBlueprint
from ..rollout import apply_rollout, plan_rollout
from .base import OfficeOnlyMixin

logger = logging.getLogger(__name__)
COPY_EDIT_URL = "provisioning_blueprint_copies:edit"


def _breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": "首页"},
        {"url": reverse("provisioning_blueprints"), "label": "站点模板"},
        *({"url": url, "label": label} for url, label in items),
    ]


class BlueprintIndexView(OfficeOnlyMixin, TemplateView):
    page_title = "站点模板"
    template_name = "provisioning/blueprint_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usage: dict[str, list[ClusterSite]] = {}
        for site in ClusterSite.objects.only("blueprint", "blueprint_version", "name"):
            usage.setdefault(site.blueprint, []).append(site)
        rows = []
        for name in builtin_blueprint_names():
            try:
                blueprint = load_blueprint(name)
                error = ""
            except BlueprintError as exc:
                logger.error("Built-in blueprint %s cannot be loaded: %s", name, exc)
                blueprint, error = None, exc.chinese
            rows.append(self._row(name, blueprint, usage, error=error, builtin=True))
        for copy in SiteBlueprint.objects.all():
            try:
                blueprint, error = copy.as_blueprint(), ""
            except BlueprintError as exc:
                blueprint, error = None, exc.chinese
            row = self._row(copy.code, blueprint, usage, error=error, builtin=False)
            row.update(based_on=copy.based_on, edit_url=reverse(COPY_EDIT_URL, args=[copy.pk]))
            rows.append(row)
        context["rows"] = rows
        return context

    @staticmethod
    def _row(name, blueprint, usage, *, error, builtin):
        sites = usage.get(name, [])
        version = blueprint.version if blueprint else None
        return {
            "name": name,
            "title": blueprint.title if blueprint else name,
            "description": blueprint.description if blueprint else "",
            "version": version,
            "builtin": builtin,
            "error": error,
            "sites": len(sites),
            "behind": sum(1 for s in sites if version and s.blueprint_version != version),
            "show_url": reverse("provisioning_blueprint_show", args=[name]),
            "copy_url": reverse("provisioning_blueprint_copy", args=[name]),
            "rollout_url": reverse("provisioning_blueprint_rollout", args=[name]),
        }


class BlueprintShowView(OfficeOnlyMixin, TemplateView):
    """A built-in blueprint, read-only (copy it to change it)."""

    template_name = "provisioning/blueprint_show.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_information_office(request.user):
            raise PermissionDenied
        self.name = kwargs["name"]
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        copy = SiteBlueprint.objects.filter(code=self.name).first()
        if copy is not None:
            self.text, self.title = copy.definition, copy.title
            return
        try:
            self.text = builtin_blueprint_text(self.name)
        except BlueprintError as exc:
            raise Http404(exc.chinese) from exc
        try:
            self.title = load_blueprint(self.name).title
        except BlueprintError:
            self.title = self.name

    def get_page_title(self):
        return f"站点模板：{self.title}"

    def get_breadcrumbs_items(self):
        return _breadcrumbs(("", self.title))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(name=self.name, text=self.text, copy_url=reverse(
            "provisioning_blueprint_copy", args=[self.name]
        ))  # fmt: skip
        return context


class CopyBlueprintView(OfficeOnlyMixin, TemplateView):
    """POST: copy a built-in blueprint (or a copy) into an editable SiteBlueprint."""

    http_method_names = ["post"]

    def post(self, request, name):
        try:
            source = get_blueprint(name)
            text = (
                builtin_blueprint_text(name)
                if source.builtin
                else SiteBlueprint.objects.get(code=name).definition
            )
        except (BlueprintError, ValidationError, SiteBlueprint.DoesNotExist) as exc:
            messages.error(request, f"无法复制站点模板“{name}”：{getattr(exc, 'chinese', exc)}")
            return redirect("provisioning_blueprints")
        code = f"{name}-copy"
        number = 1
        while code in builtin_blueprint_names() or SiteBlueprint.objects.filter(code=code).exists():
            number += 1
            code = f"{name}-copy{number}"
        with transaction.atomic():
            copy = SiteBlueprint.objects.create(
                code=code, title=f"{source.title}（副本）", based_on=name, definition=text
            )
            log(copy, "sitecluster.blueprint.copy", user=request.user, data={"from": name})
        messages.success(request, f"已复制为“{copy.title}”（{code}），可修改后更新到站点。")
        return redirect(COPY_EDIT_URL, copy.pk)


class RolloutView(OfficeOnlyMixin, TemplateView):
    """Per site: what rolling this blueprint out would change; apply to the chosen sites."""

    template_name = "provisioning/rollout.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.name = kwargs["name"]

    def dispatch(self, request, *args, **kwargs):
        if not is_information_office(request.user):
            raise PermissionDenied
        try:
            self.blueprint = get_blueprint(self.name)
        except BlueprintError as exc:
            if not SiteBlueprint.objects.filter(code=self.name).exists() and (
                self.name not in builtin_blueprint_names()
            ):
                raise Http404(exc.chinese) from exc
            messages.error(request, exc.chinese)
            return redirect("provisioning_blueprints")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"更新到站点：{self.blueprint.title}（第 {self.blueprint.version} 版）"

    def get_breadcrumbs_items(self):
        return _breadcrumbs(("", f"更新到站点：{self.blueprint.title}"))

    def candidates(self):
        """Sites on this blueprint, and (for a copy) those on the blueprint it was copied from."""
        names = {self.name}
        copy = SiteBlueprint.objects.filter(code=self.name).first()
        if copy is not None and copy.based_on:
            names.add(copy.based_on)
        condition = Q(blueprint__in=names)
        if self.blueprint.kind:
            condition &= Q(kind=self.blueprint.kind)
        return ClusterSite.objects.filter(condition).select_related("organisation", "root_page")

    def plans(self):
        return [plan_rollout(site, self.blueprint) for site in self.candidates()]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = self.plans()
        context.update(
            blueprint=self.blueprint,
            plans=plans,
            form=form,
            pending=sum(1 for plan in plans if plan.has_changes),
        )
        return context

    def post(self, request, name):
        plans = {plan.site.pk: plan for plan in self.plans()}
        form = RolloutForm(
            request.POST, site_choices=[(pk, plan.site.name) for pk, plan in plans.items()]
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        done = []
        for site_id in form.cleaned_data["sites"]:
            try:
                apply_rollout(plans[site_id], user=request.user)
            except ValidationError as exc:
                messages.error(request, f"{plans[site_id].site.name}：{'；'.join(exc.messages)}")
                continue
            done.append(plans[site_id].site.name)
        if done:
            messages.success(request, f"已将站点模板更新到 {len(done)} 个站点：{'、'.join(done)}")
        return redirect("provisioning_blueprint_rollout", self.name)
