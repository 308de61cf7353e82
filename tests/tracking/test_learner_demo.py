"""`make run`'s demo learner has something to show: courses in progress, one
completed with a certificate, one assigned with a due date."""

from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from learning.management.commands.load_initial_data import DEMO_PASSWORD
from learning.tracking.demo import LEARNER
from learning.tracking.models import Certificate, LearningEvent

pytestmark = pytest.mark.django_db


def load(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    call_command(
        "load_initial_data",
        organisations="kongsberg",
        no_index=True,
        verbosity=0,
        stdout=StringIO(),
    )


def test_the_demo_learner_sees_progress_on_min_laering(settings, tmp_path):
    load(settings, tmp_path)
    client = Client()
    assert client.login(email=LEARNER[0], password=DEMO_PASSWORD)

    html = client.get("/laering/").content.decode()

    assert "Tildelt deg" in html and "Frist:" in html  # Informasjonssikkerhet, due in 14 days
    assert "Påbegynt" in html and "Prosjekt- og porteføljestyring i kommunen" in html
    assert "Fullført" in html and "Last ned kursbevis for SvarUT for saksbehandlere" in html
    certificate = Certificate.objects.unscoped().get()
    assert client.get(f"/laering/kursbevis/{certificate.code}.pdf").status_code == 200


def test_loading_twice_records_nothing_twice(settings, tmp_path):
    load(settings, tmp_path)
    events = LearningEvent.objects.unscoped().count()
    load(settings, tmp_path)
    assert LearningEvent.objects.unscoped().count() == events
    assert Certificate.objects.unscoped().count() == 1
