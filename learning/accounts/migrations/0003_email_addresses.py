"""allauth keeps addresses in its own table: one per existing person, their
login, confirmed if they had confirmed it."""

from django.db import migrations


def copy_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user_id=pk, email=email.lower(), verified=confirmed, primary=True)
        for pk, email, confirmed in User.objects.values_list("pk", "email", "email_confirmed")
        if pk not in have
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_language"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(copy_addresses, migrations.RunPython.noop)]
