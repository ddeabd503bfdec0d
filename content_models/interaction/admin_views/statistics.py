"""来信统计: per site and month — received, answered, average handling time."""

from __future__ import annotations

from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Letter
from ..statistics import monthly_statistics, yearly_totals
from .letters import StaffMixin
from .scope import scoped, site_names


class StatisticsView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "来信统计"
    header_icon = "table"
    template_name = "interaction/admin/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        letters = scoped(Letter.objects.all(), self.request.user)
        names = site_names()
        rows = monthly_statistics(letters, year, today)
        for row in rows:
            row["site_name"] = names.get(row["site_home"], "")
        totals = [
            {"site_name": names.get(site_id, ""), **values}
            for site_id, values in yearly_totals(letters, year, today).items()
        ]
        context.update(
            {
                "year": year,
                "years": list(range(today.year, today.year - 5, -1)),
                "rows": rows,
                "totals": totals,
            }
        )
        return context
