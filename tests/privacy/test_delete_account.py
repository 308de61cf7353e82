"""Deleting one's account: confirmed with the password; afterwards the
person's name and e-mail are nowhere in the database, and every report
figure (the rollups, also when rebuilt) is what it was."""

from pathlib import Path

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import TextField
from django.db.models.functions import Cast

from learning.privacy import services
from learning.reports.models import CourseDayRollup, ExportJob, UnitRollup
from learning.reports.rollups import refresh_rollups
from learning.tracking.models import Enrollment, LearningEvent

from .world import build_privacy_world, signed_in

pytestmark = pytest.mark.django_db

URL = "/personvern/slett-konto/"
PASSWORD = "Rett-passord-2026"


@pytest.fixture
def world(wagtail_roots):
    world = build_privacy_world()
    world.alice.set_password(PASSWORD)
    world.alice.save()
    return world


def found_in_database(needle):
    """Every table's every column, read as text: where `needle` occurs."""
    places = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation or field.get_internal_type() in ("BinaryField",):
                continue
            rows = model._base_manager.annotate(_as_text=Cast(field.name, TextField())).filter(
                _as_text__icontains=needle
            )
            if rows.exists():
                places.append(f"{model._meta.label}.{field.name}")
    return places


def figures(*organisations):
    """Every rollup row of these organisations, rebuilt from scratch first."""
    for organisation in organisations:
        refresh_rollups(organisation.pk)
    days = CourseDayRollup.objects.for_organisations(organisations).values(
        "organisation", "course", "day", "enrolled", "started", "completed", "passed", "assigned"
    )
    units = UnitRollup.objects.for_organisations(organisations).values(
        "organisation", "unit", "job_role", "course", "not_started", "in_progress", "completed"
    )
    return sorted(map(repr, days)), sorted(map(repr, units))


def test_a_wrong_password_deletes_nothing(world):
    response = signed_in(world.alice).post(URL, {"password": "feil"})

    assert response.status_code == 400
    assert "Passordet stemmer ikke" in response.content.decode()
    assert get_user_model().objects.filter(pk=world.alice.pk).exists()


def test_it_erases_the_person_and_keeps_the_figures(world):
    assert found_in_database("alice@sortland.kommune.no")  # the scan finds her before
    assert "tracking.Certificate.learner_name" in found_in_database("Alice Aune")
    before = figures(world.sortland, world.kongsberg)
    alice = signed_in(world.alice)

    response = alice.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert alice.get("/personvern/mine-data/").status_code == 302  # signed out
    assert not get_user_model().objects.filter(pk=world.alice.pk).exists()
    for needle in ("alice@sortland.kommune.no", "Alice Aune", "Aune"):
        assert found_in_database(needle) == []
    assert not LearningEvent.objects.unscoped().filter(user_id=world.alice.pk).exists()
    assert figures(world.sortland, world.kongsberg) == before
    # Everyone else's records stay.
    assert Enrollment.objects.unscoped().filter(user=world.bob).exists()
    assert LearningEvent.objects.unscoped().filter(user=world.charlie).exists()


def test_the_municipal_dashboard_shows_the_same_figures_after_the_deletion(world):
    dashboard = f"/rapporter/kommune/{world.sortland.pk}/"
    before = signed_in(world.astrid).get(dashboard)
    assert before.status_code == 200

    signed_in(world.alice).post(URL, {"password": PASSWORD})
    refresh_rollups(world.sortland.pk)
    after = signed_in(world.astrid).get(dashboard)

    table = before.content.decode().split("<table")[1].split("</table>")[0]
    assert table in after.content.decode()


def test_it_deletes_the_export_files_that_may_name_the_person(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    names = ContentFile(b"Navn;Kurs\nAlice Aune;Personvern\n")
    municipal = ExportJob.objects.create(
        requested_by=world.astrid,
        organisation=world.sortland,
        report="municipal",
        file_format="csv",
    )
    municipal.file.save("sortland.csv", names)
    other = ExportJob.objects.create(
        requested_by=world.astrid, organisation=None, report="national", file_format="csv"
    )
    other.file.save("nasjonalt.csv", ContentFile(b"Kommune;Fullfort\n"))
    path = municipal.file.path

    services.erase_account(world.alice.pk)

    assert not ExportJob.objects.filter(pk=municipal.pk).exists()
    assert not Path(path).exists()
    assert all("Alice" not in f.read_text() for f in tmp_path.rglob("*.csv"))
    assert ExportJob.objects.filter(pk=other.pk).exists()  # no names in it, kept


def test_erasing_twice_is_harmless(world):
    before = figures(world.sortland)
    assert services.erase_account(world.alice.pk) is True
    assert services.erase_account(world.alice.pk) is False
    assert figures(world.sortland) == before


def test_charlie_cannot_delete_alice(world):
    charlie = signed_in(world.charlie)

    response = charlie.post(URL, {"password": PASSWORD, "user": world.alice.pk})

    assert response.status_code == 400  # his own password is asked for, and it is wrong
    assert get_user_model().objects.filter(pk=world.alice.pk).exists()
