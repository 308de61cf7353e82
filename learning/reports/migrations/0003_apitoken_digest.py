"""Store API tokens as SHA-256 digests. Existing tokens keep working: their
digest is computed from the stored key, then the key column is dropped."""

import hashlib

from django.db import migrations, models


def hash_keys(apps, schema_editor):
    ApiToken = apps.get_model("reports", "ApiToken")
    for token in ApiToken.objects.all().only("pk", "key"):
        token.digest = hashlib.sha256(token.key.encode()).hexdigest()
        token.save(update_fields=["digest"])


def forget_tokens(apps, schema_editor):
    """Going back: a digest cannot become its token again; analysts make new ones."""
    apps.get_model("reports", "ApiToken").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_ks_analysts_group")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_keys, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="apitoken", name="key"),
        migrations.AlterField(
            model_name="apitoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        # Runs first when migrating back, before the key column returns.
        migrations.RunPython(migrations.RunPython.noop, forget_tokens, elidable=False),
    ]
