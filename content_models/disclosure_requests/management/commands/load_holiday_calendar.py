from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from content_models.disclosure_requests.calendar_data import HOLIDAY_FILE, load_calendar
from content_models.disclosure_requests.models import CalendarDay


class Command(BaseCommand):
    help = "载入国务院办公厅节假日安排（JSON，格式同 data/holidays.json）/ Load holiday notices."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=HOLIDAY_FILE)

    def handle(self, *args, file, **options):
        with transaction.atomic():
            created, updated = load_calendar(CalendarDay, file)
        self.stdout.write(f"节假日安排：新增 {created} 天，更新 {updated} 天。")
