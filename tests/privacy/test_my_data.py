"""Mine data: a signed-in learner downloads everything the platform holds
about them, as JSON and as CSV; nothing about anyone else is in it."""

import csv
import io
import json
import zipfile

import pytest

from learning.tracking.models import ActivityState, Certificate, Enrollment, LearningEvent
from tenants.models import Employment

from .world import build_privacy_world, signed_in

pytestmark = pytest.mark.django_db

JSON_URL = "/personvern/mine-data/mine-data.json"
CSV_URL = "/personvern/mine-data/mine-data-csv.zip"


@pytest.fixture
def world(wagtail_roots):
    return build_privacy_world()


def ids(rows):
    return {str(row["id"]) for row in rows}


def alices(model, world, **lookup):
    return {
        str(pk) for pk in model.objects.unscoped().filter(**lookup).values_list("pk", flat=True)
    }


def test_it_offers_both_downloads_from_the_footer(world):
    html = signed_in(world.alice).get("/laering/").content.decode()
    assert 'href="/personvern/mine-data/"' in html

    page = signed_in(world.alice).get("/personvern/mine-data/").content.decode()
    assert f'href="{JSON_URL}"' in page
    assert f'href="{CSV_URL}"' in page


def test_the_json_holds_every_record_of_the_person(world):
    response = signed_in(world.alice).get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    data = json.loads(response.content)
    assert data["account"][0]["email"] == "alice@sortland.kommune.no"
    assert data["account"][0]["last_name"] == "Aune"
    assert "password" not in data["account"][0]
    assert ids(data["employments"]) == alices(Employment, world, user=world.alice)
    assert ids(data["enrollments"]) == alices(Enrollment, world, user=world.alice)
    assert data["enrollments"][0]["status"] == "completed"
    assert data["enrollments"][0]["unit_name"] == "Sykehjem"
    assert ids(data["events"]) == alices(LearningEvent, world, user=world.alice)
    assert len(data["events"]) >= 4  # two readings, the film, the quiz
    assert ids(data["activity_states"]) == alices(
        ActivityState, world, enrollment__user=world.alice
    )
    assert ids(data["certificates"]) == alices(Certificate, world, enrollment__user=world.alice)
    assert data["certificates"][0]["learner_name"] == "Alice Aune"


def test_it_holds_nothing_of_anyone_else(world):
    text = signed_in(world.alice).get(JSON_URL).content.decode()

    for other in (world.bob, world.charlie, world.astrid):
        assert other.email not in text
        for event in LearningEvent.objects.unscoped().filter(user=other):
            assert str(event.pk) not in text
    assert "Velkommen" not in text  # Charlie's Kongsberg course
    assert "Skole" not in text  # Bob's unit


def test_the_csv_zip_has_one_file_per_table(world):
    response = signed_in(world.alice).get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"account.csv", "employments.csv", "enrollments.csv", "events.csv"} <= set(
        archive.namelist()
    )
    events = list(csv.DictReader(io.StringIO(archive.read("events.csv").decode("utf-8-sig"))))
    assert {row["id"] for row in events} == alices(LearningEvent, world, user=world.alice)
    account = archive.read("account.csv").decode("utf-8-sig")
    assert "alice@sortland.kommune.no" in account
    assert all("charlie" not in archive.read(name).decode() for name in archive.namelist())


def test_charlie_gets_his_own_not_alices(world):
    data = json.loads(signed_in(world.charlie).get(JSON_URL).content)

    assert data["account"][0]["email"] == "charlie@kongsberg.kommune.no"
    assert ids(data["events"]) == alices(LearningEvent, world, user=world.charlie)
    assert "alice" not in json.dumps(data)


def test_it_sends_strangers_to_sign_in(client, world):
    for url in ("/personvern/mine-data/", JSON_URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"]
