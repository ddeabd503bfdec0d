"""安全审计: the security audit log, for the information office (every account) and site
admins (the editors and reviewers they manage, and themselves)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from sitecluster.tenancy.roles import is_information_office

from .. import audit
from ..models import LoginThrottle
from ..scope import is_site_admin, managed_users

CHART_DAYS = 14


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="用户", required=False, max_length=150)
    action = forms.ChoiceField(
        label="事件",
        required=False,
        choices=[("", "全部事件")] + [(k, v[0]) for k, v in audit.SECURITY_ACTIONS.items()],
    )
    date_from = forms.DateField(
        label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return cleaned


def can_view_audit(user) -> bool:
    return is_information_office(user) or is_site_admin(user)


def visible_entries(user):
    entries = ModelLogEntry.objects.filter(action__in=audit.AUDITED_ACTIONS)
    if is_information_office(user):
        return entries
    if not is_site_admin(user):
        return entries.none()
    User = get_user_model()
    user_type = ContentType.objects.get_for_model(User)
    ids = (
        managed_users(user)
        .annotate(object_key=Cast("pk", output_field=CharField()))
        .values("object_key")
    )
    return entries.filter(content_type=user_type).filter(
        Q(object_id__in=ids) | Q(object_id=str(user.pk))
    )


def failures_per_day(entries, today: dt.date):
    start = today - dt.timedelta(days=CHART_DAYS - 1)
    tz = timezone.get_current_timezone()
    rows = (
        entries.filter(
            action__in=(*audit.FAILURE_ACTIONS, audit.LOCKOUT),
            timestamp__date__gte=start,
        )
        .annotate(day=TruncDate("timestamp", tzinfo=tz))
        .values("day", "action")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        key = "lockouts" if row["action"] == audit.LOCKOUT else "failures"
        counts.setdefault(row["day"], {"failures": 0, "lockouts": 0})[key] += row["n"]
    days = [start + dt.timedelta(days=i) for i in range(CHART_DAYS)]
    peak = max([1, *(c["failures"] + c["lockouts"] for c in counts.values())])
    bars = []
    for index, day in enumerate(days):
        c = counts.get(day, {"failures": 0, "lockouts": 0})
        fail_h = round(100 * c["failures"] / peak)
        lock_h = round(100 * c["lockouts"] / peak)
        bars.append(
            {
                "day": day,
                "x": 10 + index * 40,
                "failures": c["failures"],
                "lockouts": c["lockouts"],
                "fail_y": 110 - fail_h,
                "fail_h": fail_h,
                "lock_y": 110 - fail_h - lock_h,
                "lock_h": lock_h,
            }
        )
    return bars


class SecurityAuditView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "安全审计"
    header_icon = "lock"
    template_name = "accounts/admin/security_audit.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_view_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = visible_entries(self.request.user)
        form = AuditFilterForm(self.request.GET or None)
        chart = failures_per_day(entries, timezone.localdate())
        if form.is_valid():
            data = form.cleaned_data
            if data["user"]:
                entries = entries.filter(
                    Q(label__icontains=data["user"])
                    | Q(user__username__icontains=data["user"])
                    | Q(data__username__icontains=data["user"])
                )
            if data["action"]:
                entries = entries.filter(action=data["action"])
            if data["date_from"]:
                entries = entries.filter(timestamp__date__gte=data["date_from"])
            if data["date_to"]:
                entries = entries.filter(timestamp__date__lte=data["date_to"])
        entries = entries.select_related("user").order_by("-timestamp", "-pk")
        page = Paginator(entries, self.paginate_by).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            entries=page,
            query=query.urlencode(),
            chart=chart,
            labels={k: v[0] for k, v in audit.SECURITY_ACTIONS.items()},
            office=is_information_office(self.request.user),
            locks=LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by(
                "locked_until"
            )
            if is_information_office(self.request.user)
            else [],
        )
        return context
