from django.db import migrations

TOPICS = [
    ("SvarUT", "svarut"),
    ("Informasjonssikkerhet", "informasjonssikkerhet"),
    ("Porteføljestyring", "portefoljestyring"),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("courses", "Topic")
    for name, slug in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_topic_coursepage_lessonpage")]

    operations = [migrations.RunPython(create_topics, migrations.RunPython.noop)]
