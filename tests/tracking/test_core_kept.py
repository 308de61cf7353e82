"""What the event endpoint keeps between a learner's requests (who they are,
which courses they may take) never outlives a change a person would notice:
a move to another unit, an ended employment, a course no longer shared."""

import pytest

from django.core.cache import cache

from courses.models import CoursePage
from learning.tracking.models import LearningEvent
from tenants.models import Employment
from tenants.services import reject_employment

from .core_world import build_world, read, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


def events(user):
    return LearningEvent.objects.unscoped().filter(user=user)


def test_a_learner_moved_to_another_unit_sends_events_from_the_new_one(client, world):
    client.force_login(world.alice)
    assert send(client, read(world.alice, world.lessons[0])).status_code == 202
    employment = Employment.objects.for_organisation(world.sortland).get(user=world.alice)
    employment.unit = world.school
    employment.job_role = None
    employment.save()

    assert send(client, read(world.alice, world.lessons[1])).status_code == 202
    latest = events(world.alice).get(lesson=world.lessons[1])
    assert (latest.unit, latest.job_role) == (world.school, None)
    # What was stored before keeps the unit of its time.
    assert events(world.alice).get(lesson=world.lessons[0]).unit == world.nursing_home


def test_a_learner_whose_employment_ended_is_refused_at_once(client, world):
    client.force_login(world.alice)
    assert send(client, read(world.alice, world.lessons[0])).status_code == 202
    employment = Employment.objects.for_organisation(world.sortland).get(user=world.alice)
    reject_employment(employment, by=world.astrid)  # a bulk update: no signal

    response = send(client, read(world.alice, world.lessons[1]))
    assert response.status_code == 403
    assert "arbeidsgiver" in response.json()["error"]
    assert events(world.alice).count() == 1


def test_a_course_no_longer_shared_with_a_learner_refuses_their_statements(client, world):
    course = world.course
    course.sharing = CoursePage.Sharing.LISTED
    course.save_revision().publish()
    course.shared_with.set([world.kongsberg])
    course.save_revision().publish()
    client.force_login(world.charlie)
    assert send(client, read(world.charlie, world.lessons[0])).status_code == 202
    assert send(client, read(world.charlie, world.lessons[1])).status_code == 202

    course.refresh_from_db()
    course.sharing = CoursePage.Sharing.OWN
    course.save_revision().publish()

    assert send(client, read(world.charlie, world.lessons[2])).status_code == 404
    assert events(world.charlie).count() == 2
    # Sortland's own people still track it.
    client.force_login(world.alice)
    assert send(client, read(world.alice, world.lessons[0])).status_code == 202


def test_a_batch_of_many_statements_on_two_lessons_is_stored_whole(client, world):
    client.force_login(world.alice)
    film = [
        {
            **read(world.alice, world.lessons[1]),
            "object": {"id": f"urn:kurs:lesson:{world.lessons[1].pk}:film-1"},
            "verb": {"id": "https://w3id.org/xapi/video/verbs/played"},
        }
        for _ in range(8)
    ]
    batch = [read(world.alice, world.lessons[0]), *film, read(world.alice, world.lessons[1])]
    assert send(client, batch).status_code == 202
    assert events(world.alice).count() == 10
