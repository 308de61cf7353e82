""" "Min læring": in progress with %, assigned with due date, completed with date
and certificate, and nothing of anyone else's."""

import datetime

import pytest

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from learning.tracking import services
from learning.tracking.models import Enrollment

from .core_world import build_world, read, send
from .learner_helpers import folded

pytestmark = pytest.mark.django_db

URL = "/laering/"


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def enrollment(world, user, **changes):
    row = services.enroll(user, world.course, world.sortland)
    Enrollment.objects.for_organisation(world.sortland).filter(pk=row.pk).update(**changes)
    return row


def test_it_lists_courses_in_progress_with_percent(world):
    alice = signed_in(world.alice)
    with folded(world):
        send(alice, [read(world.alice, world.lessons[0])])

    html = alice.get(URL).content.decode()

    assert '<h2 id="in-progress-heading">Påbegynt</h2>' in html
    assert "Informasjonssikkerhet i hverdagen" in html
    # One of four activities done: two texts, a film and a quiz.
    assert "25 % fullført (1 av 3 leksjoner)" in html


def test_it_lists_assigned_courses_with_due_date_and_marks_overdue(world):
    enrollment(
        world,
        world.alice,
        source=Enrollment.Source.ASSIGNED,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    html = signed_in(world.alice).get(URL).content.decode()

    assert "Tildelt deg" in html
    assert 'class="learning-item__overdue"' in html
    assert "Fristen gikk ut" in html


def test_a_due_date_ahead_is_not_overdue(world):
    due = datetime.date(2030, 3, 1)
    enrollment(world, world.alice, source=Enrollment.Source.ASSIGNED, due_date=due)

    html = signed_in(world.alice).get(URL).content.decode()

    assert "Frist: 1. mars 2030" in html
    assert "learning-item__overdue" not in html


def test_it_lists_completed_courses_with_date(world):
    done = timezone.make_aware(datetime.datetime(2026, 11, 3, 12, 0))
    enrollment(world, world.alice, status=Enrollment.Status.COMPLETED, completed_at=done)

    html = signed_in(world.alice).get(URL).content.decode()

    assert '<h2 id="completed-heading">Fullført</h2>' in html
    assert "Fullført 3. november 2026" in html


def test_it_shows_nobody_elses_courses(world):
    enrollment(world, world.alice)

    html = signed_in(world.bob).get(URL).content.decode()

    assert "Informasjonssikkerhet i hverdagen" not in html
    assert "Du har ikke startet noen kurs ennå." in html


def test_the_header_links_to_it_for_signed_in_people(world):
    html = signed_in(world.alice).get("/konto/").content.decode()
    assert '<a href="/laering/">Min læring</a>' in html


def test_anonymous_people_are_sent_to_sign_in(world):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/logg-inn/?next=/laering/"
