"""The event endpoint: what it stores, and what it refuses without storing anything."""

import json
from datetime import timedelta

import pytest

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from learning.tracking.models import Enrollment, LearningEvent

from .core_world import URL, build_world, read, send, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


@pytest.fixture
def alice(client, world):
    client.force_login(world.alice)
    return client


def stored(world):
    return LearningEvent.objects.unscoped().count()


def test_it_stores_a_statement_and_answers_202(alice, world):
    response = send(alice, read(world.alice, world.lessons[0]))
    assert response.status_code == 202
    event = LearningEvent.objects.for_organisation(world.sortland).get()
    assert (event.verb, event.activity_id) == ("experienced", f"lesson-{world.lessons[0].pk}")
    # Organisation, unit and job role at the time, from Alice's employment.
    assert (event.organisation, event.unit, event.job_role) == (
        world.sortland,
        world.nursing_home,
        world.nurse,
    )
    enrollment = Enrollment.objects.for_organisation(world.sortland).get(user=world.alice)
    assert enrollment.unit == world.nursing_home
    assert enrollment.last_lesson_id == world.lessons[0].pk


def test_it_stores_a_batch(alice, world):
    batch = [read(world.alice, lesson) for lesson in world.lessons[:2]]
    assert send(alice, batch).status_code == 202
    assert stored(world) == 2


def test_it_takes_the_beacon_form(alice, world):
    response = alice.post(URL, {"statements": json.dumps([read(world.alice, world.lessons[0])])})
    assert response.status_code == 202
    assert stored(world) == 1


def test_a_resent_statement_is_a_no_op(alice, world):
    first = read(world.alice, world.lessons[0])
    assert send(alice, first).status_code == 202
    assert send(alice, [first, read(world.alice, world.lessons[1])]).status_code == 202
    assert send(alice, [first, first]).status_code == 202
    assert stored(world) == 2


def test_a_late_statement_is_kept(alice, world):
    # Sent from localStorage a week after it happened.
    late = read(world.alice, world.lessons[0], at=timezone.now() - timedelta(days=7))
    assert send(alice, late).status_code == 202
    assert stored(world) == 1


def test_it_needs_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice)
    response = send(client, read(world.alice, world.lessons[0]))
    assert response.status_code == 403
    assert stored(world) == 0


def test_it_refuses_anonymous_people(client, world):
    response = send(client, read(world.alice, world.lessons[0]))
    assert response.status_code == 401
    assert "Logg inn" in response.json()["error"]
    assert stored(world) == 0


def test_it_refuses_malformed_json(alice, world):
    response = send(alice, '[{"id": ')
    assert response.status_code == 400
    assert response.json()["error"] == "Forespørselen er ikke gyldig JSON."
    assert stored(world) == 0


def test_it_refuses_a_statement_of_the_wrong_shape(alice, world):
    bad = read(world.alice, world.lessons[0])
    del bad["verb"]
    response = send(alice, [read(world.alice, world.lessons[1]), bad])
    assert response.status_code == 400
    assert "feil form" in response.json()["error"]
    assert stored(world) == 0


def test_it_refuses_an_oversize_body(alice, world):
    padded = read(world.alice, world.lessons[0], context={"extensions": {"x": "a" * 70_000}})
    response = send(alice, padded)
    assert response.status_code == 413
    assert stored(world) == 0


def test_it_refuses_more_than_50_statements(alice, world):
    batch = [read(world.alice, world.lessons[0]) for _ in range(51)]
    response = send(alice, batch)
    assert response.status_code == 413
    assert "høyst 50" in response.json()["error"]
    assert stored(world) == 0


def test_it_refuses_someone_elses_actor(alice, world):
    batch = [read(world.alice, world.lessons[0]), read(world.bob, world.lessons[1])]
    response = send(alice, batch)
    assert response.status_code == 403
    assert "en annen person" in response.json()["error"]
    assert stored(world) == 0


def test_charlie_cannot_track_a_course_not_shared_with_him(client, world):
    client.force_login(world.charlie)
    response = send(client, read(world.charlie, world.lessons[0]))
    assert response.status_code == 404
    assert stored(world) == 0
    assert not Enrollment.objects.unscoped().filter(user=world.charlie).exists()


def test_it_refuses_an_unknown_verb(alice, world):
    bad = read(world.alice, world.lessons[0])
    bad["verb"]["id"] = "http://adlnet.gov/expapi/verbs/mastered"
    response = send(alice, [read(world.alice, world.lessons[1]), bad])
    assert response.status_code == 400
    assert "Ukjent verb" in response.json()["error"]
    assert stored(world) == 0


def test_it_refuses_an_unknown_activity(alice, world):
    response = send(alice, statement(world.alice, world.lessons[0], "no-such-block"))
    assert response.status_code == 404
    assert stored(world) == 0


def test_it_refuses_a_future_timestamp(alice, world):
    future = read(world.alice, world.lessons[0], at=timezone.now() + timedelta(minutes=10))
    response = send(alice, future)
    assert response.status_code == 400
    assert "fram i tid" in response.json()["error"]
    assert stored(world) == 0


def test_it_allows_a_little_clock_skew(alice, world):
    ahead = read(world.alice, world.lessons[0], at=timezone.now() + timedelta(seconds=60))
    assert send(alice, ahead).status_code == 202


@pytest.mark.parametrize(
    "forged",
    [
        {"verb": "passed"},
        {"verb": "answered"},
        {"verb": "completed", "result": {"score": {"scaled": 1.0}, "success": True}},
    ],
)
def test_it_refuses_a_forged_quiz_score(alice, world, forged):
    quiz = world.lessons[2]
    bad = statement(world.alice, quiz, "quiz-1", forged["verb"])
    if "result" in forged:
        bad["result"] = forged["result"]
    response = send(alice, bad)
    assert response.status_code == 400
    assert "Quizresultater" in response.json()["error"]
    assert stored(world) == 0


def test_an_unpublished_lesson_takes_no_statements(alice, world):
    world.lessons[0].unpublish()
    cache.clear()
    response = send(alice, read(world.alice, world.lessons[0]))
    assert response.status_code == 404
    assert stored(world) == 0


def test_a_get_is_refused(alice):
    assert alice.get(URL).status_code == 405
