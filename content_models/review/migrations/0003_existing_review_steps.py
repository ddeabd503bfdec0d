"""Turn the review steps of sites provisioned before this app into 保密审核 tasks.

Blueprints name their confidentiality step "…（含保密审核）"; such GroupApprovalTasks get the
ConfidentialityReviewTask row (same primary key, multi-table inheritance) and content type.
Task states already in progress stay plain task states: they approve without the checklist.
"""

from django.db import migrations


def convert(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ConfidentialityReviewTask = apps.get_model("review", "ConfidentialityReviewTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    ids = list(
        GroupApprovalTask.objects.filter(name__contains="保密审核")
        .exclude(pk__in=ConfidentialityReviewTask.objects.values("pk"))
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="review", model="confidentialityreviewtask"
    )
    table = schema_editor.quote_name(ConfidentialityReviewTask._meta.db_table)
    column = schema_editor.quote_name("groupapprovaltask_ptr_id")
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({column}) VALUES (%s)", [(pk,) for pk in ids])
    Task.objects.filter(pk__in=ids).update(content_type=content_type)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_typo_words"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
