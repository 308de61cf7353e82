"""The KS analysts' group: national aggregates, nothing else (not superusers)."""

from django.db import migrations

GROUP = "KS-analytikere"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="coursedayrollup")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_national_reports",
        defaults={"name": "Kan se nasjonale rapporter (bare aggregerte tall)"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
