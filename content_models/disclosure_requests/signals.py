"""When the holiday calendar changes, every open application's deadline is recomputed."""

from django.db import transaction


def calendar_edited(sender, **kwargs):
    from .models import OPEN_STATES, DisclosureRequest
    from .workflow import recompute_due_date
    from .working_days import calendar_changed

    calendar_changed()

    def recompute():
        for request in DisclosureRequest.objects.filter(state__in=OPEN_STATES):
            before = request.due_date
            recompute_due_date(request)
            if request.due_date != before:
                request.save(update_fields=["due_date"])

    if not kwargs.get("raw"):
        transaction.on_commit(recompute)
