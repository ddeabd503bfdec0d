from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "content_models.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import CalendarDay
        from .signals import calendar_edited

        post_save.connect(calendar_edited, sender=CalendarDay, dispatch_uid="calendar_saved")
        post_delete.connect(calendar_edited, sender=CalendarDay, dispatch_uid="calendar_deleted")
