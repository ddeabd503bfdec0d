from django.db import migrations


def load(apps, schema_editor):
    from content_models.disclosure_requests.calendar_data import load_calendar

    load_calendar(apps.get_model("disclosure_requests", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("disclosure_requests", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
