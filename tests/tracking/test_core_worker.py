"""Through the broker to a real worker (CI), or eager Celery without one."""

import time

import pytest

from django.core.cache import cache

from learning.tracking import services
from learning.tracking.models import Assignment, Enrollment
from learning.tracking.tasks import apply_assignments_task, fold_enrollment_task, sweep_stale_task

from ..factories.tenants import EmploymentFactory
from .core_world import build_world, grade, read, send, statement

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(wagtail_roots):
    cache.clear()
    yield build_world(certificate=True)
    cache.clear()


def wait_for(world, **expected):
    """Alice's enrollment once it shows `expected` (a worker folds after commit)."""
    deadline = time.monotonic() + 15
    while True:
        state = Enrollment.objects.for_organisation(world.sortland).get(user=world.alice)
        if all(getattr(state, k) == v for k, v in expected.items()):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"still {state.status}, stale={state.stale}")
        time.sleep(0.1)


def test_a_learner_completes_the_course_without_anyone_calling_a_task(client, world):
    client.force_login(world.alice)
    film = statement(world.alice, world.lessons[1], "film-1", "paused", segments=[[0, 6]])
    batch = [read(world.alice, lesson) for lesson in world.lessons[:2]] + [film]
    assert send(client, batch).status_code == 202
    assert wait_for(world, stale=False).lessons_completed == 2
    assert grade(client, world.lessons[2], right=True).status_code == 200
    state = wait_for(world, status="completed", stale=False)
    assert state.certificate.learner_name == "Alice Test"


def test_a_lesson_read_to_the_end_shows_while_progress_waits_to_be_folded(client, world):
    """Alice's film progress is queued behind other learners' folds (her
    enrollment is stale, its fold not yet run) when she reads a lesson to the
    end: that lesson shows as done without waiting for the queue or the
    sweeper, because a statement that finishes something is folded at once."""
    client.force_login(world.alice)
    enrollment = services.enroll(world.alice, world.course, world.sortland)
    Enrollment.objects.for_organisation(world.sortland).filter(pk=enrollment.pk).update(
        stale=True, stale_since=enrollment.enrolled_at
    )
    assert send(client, read(world.alice, world.lessons[0])).status_code == 202
    assert wait_for(world, stale=False).lessons_completed == 1


def test_the_fold_task_delivered_twice_has_one_effect(client, world):
    client.force_login(world.alice)
    send(client, read(world.alice, world.lessons[0]))
    state = wait_for(world, stale=False)
    Enrollment.objects.for_organisation(world.sortland).filter(pk=state.pk).update(stale=True)
    fold_enrollment_task.delay(state.pk, world.sortland.pk)
    fold_enrollment_task.delay(state.pk, world.sortland.pk)
    again = wait_for(world, stale=False)
    assert (again.status, again.lessons_completed, again.started_at) == (
        "in_progress",
        1,
        state.started_at,
    )


def test_the_sweeper_task_folds_what_was_left_stale(world, settings):
    settings.TRACKING_SWEEP_AFTER_SECONDS = 0
    enrollment = services.enroll(world.alice, world.course, world.sortland)
    Enrollment.objects.for_organisation(world.sortland).filter(pk=enrollment.pk).update(
        stale=True, stale_since=enrollment.enrolled_at
    )
    sweep_stale_task.delay()
    assert wait_for(world, stale=False).lessons_total == 3


def test_someone_who_joins_an_assigned_unit_later_gets_the_course(world):
    assignment = Assignment.objects.create(organisation=world.sortland, course=world.course)
    assignment.units.set([world.school])
    services.apply_assignment(assignment.pk, world.sortland.pk)
    newcomer = EmploymentFactory(organisation=world.sortland, unit=world.school).user
    apply_assignments_task.delay()  # what beat runs every hour
    deadline = time.monotonic() + 15
    enrolled = Enrollment.objects.for_organisation(world.sortland).filter(source="assigned")
    while enrolled.count() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert set(enrolled.values_list("user__email", flat=True)) == {
        "bob@sortland.kommune.no",
        newcomer.email,
    }
