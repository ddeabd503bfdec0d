"""Dashboard panel: the user's open letters near and past their target and the 3-month limit."""

from __future__ import annotations

from django.utils import timezone

from wagtail.admin.ui.components import Component

from ..deadlines import deadline_buckets
from ..models import ConsultationPage, Letter
from .letters import DEADLINE_FILTERS
from .scope import scoped, site_home_ids, site_names


class LetterDeadlinesPanel(Component):
    name = "letter_deadlines"
    template_name = "interaction/admin/deadlines_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        buckets = deadline_buckets(scoped(Letter.objects.all(), self.user))
        names = site_names()
        sections = [
            {"key": key, "label": label, "letters": buckets[key][:10], "count": len(buckets[key])}
            for key, label in DEADLINE_FILTERS.items()
        ]
        for section in sections:
            for letter in section["letters"]:
                letter.site_name = names.get(letter.site_home_id, "")
        homes = site_home_ids(self.user)
        closed = (
            ConsultationPage.objects.live()
            .filter(closes_on__lt=timezone.localdate(), summary="")
            .order_by("closes_on")
        )
        # Few consultations lack a summary; their site is found per page (portal paths nest).
        closed = [c for c in closed[:50] if homes is None or c.site_home().pk in homes][:10]
        return {
            "sections": sections,
            "total": sum(section["count"] for section in sections),
            "consultations_without_summary": closed,
        }
