"""Remove Wagtail's starter "Editors" and "Moderators" groups and its default
workflow. They carry page and collection permissions over the whole tree, so
anyone put in them would cross every organisation's boundary; each
organisation gets its own groups and workflow at provisioning instead."""

from django.db import migrations


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    default = Workflow.objects.filter(name="Moderators approval")
    WorkflowPage.objects.filter(workflow__in=default, page__depth=1).delete()
    default.update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0002_alter_emaildomain_organisation_and_more"),
        # The migrations that create the groups, their permissions and the workflow.
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
