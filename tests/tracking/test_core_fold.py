"""Folding events into progress: films, quizzes, rules, resets, crashes, a broker that is down."""

import time
from datetime import timedelta

import pytest

from django.core.cache import cache
from django.utils import timezone

from courses.models import CoursePage
from learning.celery import app
from learning.tracking import services
from learning.tracking.models import ActivityState, Certificate, Enrollment, ResetLog
from learning.tracking.signals import progress_changed

from .core_world import build_world, grade, read, send, statement

pytestmark = pytest.mark.django_db
R = CoursePage.CompletionRule


@pytest.fixture
def world(db, request):
    cache.clear()
    rule, certificate = getattr(request, "param", (R.COMPLETED, False))
    return build_world(rule, certificate)


@pytest.fixture
def alice(client, world):
    client.force_login(world.alice)
    return client


def enrollment(world):
    return Enrollment.objects.for_organisation(world.sortland).get(user=world.alice)


def fold(world):
    """Fold Alice's enrollment (the service the task wraps) and read it back."""
    services.fold_enrollment(enrollment(world).pk, world.sortland.pk)
    return enrollment(world)


def film(world, verb, segments, at=None):
    return statement(world.alice, world.lessons[1], "film-1", verb, segments=segments, at=at)


def read_everything(alice, world):
    assert (
        send(alice, [read(world.alice, lesson) for lesson in world.lessons[:2]]).status_code == 202
    )


def test_reading_starts_the_course(alice, world):
    send(alice, read(world.alice, world.lessons[0]))
    state = fold(world)
    assert state.status == Enrollment.Status.IN_PROGRESS
    assert (state.lessons_completed, state.lessons_total) == (1, 3)
    assert state.completed_lessons == [world.lessons[0].pk]
    assert state.stale is False


def test_a_seek_to_the_end_does_not_count_as_watching(alice, world):
    read_everything(alice, world)
    send(alice, [film(world, "played", "0[.]1"), film(world, "seeked", [[0, 1]])])
    send(alice, film(world, "completed", [[0, 1], [5.9, 6.0]]))
    fold(world)
    state = ActivityState.objects.for_organisation(world.sortland).get(activity_id="film-1")
    assert state.completed is False
    assert state.progress == pytest.approx(1.1 / 6)


def test_the_union_of_watched_segments_counts_in_any_order(alice, world):
    read_everything(alice, world)
    now = timezone.now()
    # Out of order: the later part arrives first; overlaps count once.
    send(alice, film(world, "paused", [[2.5, 5.5]], at=now - timedelta(seconds=1)))
    send(alice, film(world, "played", [[0, 3]], at=now - timedelta(seconds=9)))
    fold(world)
    state = ActivityState.objects.for_organisation(world.sortland).get(activity_id="film-1")
    assert state.segments == [[0, 5.5]]
    assert state.completed is True  # 5.5 of 6 s is more than 90 %
    assert enrollment(world).lessons_completed == 2


def test_the_course_completes_when_every_activity_is_done(alice, world):
    read_everything(alice, world)
    send(alice, film(world, "paused", [[0, 6]]))
    assert fold(world).status == Enrollment.Status.IN_PROGRESS
    assert grade(alice, world.lessons[2], right=False).status_code == 200
    state = fold(world)
    # COMPLETED needs the quiz answered, not passed.
    assert state.status == Enrollment.Status.COMPLETED
    assert state.progress_percent == 100
    assert state.passed_at is None


@pytest.mark.parametrize("world", [(R.PASSED, True)], indirect=True)
def test_failed_then_passed(alice, world):
    grade(alice, world.lessons[2], right=False)
    state = fold(world)
    assert (state.status, state.passed_at) == (Enrollment.Status.IN_PROGRESS, None)
    grade(alice, world.lessons[2], right=True)
    state = fold(world)
    assert state.status == Enrollment.Status.COMPLETED
    assert state.passed_at is not None
    certificate = Certificate.objects.for_organisation(world.sortland).get(enrollment=state)
    assert certificate.course_title == "Informasjonssikkerhet i hverdagen"
    assert len(certificate.code) >= 20


@pytest.mark.parametrize("world", [(R.COMPLETED_AND_PASSED, False)], indirect=True)
def test_completed_and_passed_needs_both(alice, world):
    grade(alice, world.lessons[2], right=True)
    assert fold(world).status == Enrollment.Status.IN_PROGRESS
    read_everything(alice, world)
    send(alice, film(world, "paused", [[0, 6]]))
    assert fold(world).status == Enrollment.Status.COMPLETED


@pytest.mark.parametrize("world", [(R.COMPLETED_OR_PASSED, False)], indirect=True)
def test_completed_or_passed_takes_either(alice, world):
    grade(alice, world.lessons[2], right=True)
    assert fold(world).status == Enrollment.Status.COMPLETED


@pytest.mark.parametrize("world", [(R.PASSED, False)], indirect=True)
def test_completion_never_goes_down(alice, world):
    grade(alice, world.lessons[2], right=True)
    completed = fold(world)
    grade(alice, world.lessons[2], right=False)  # a later, worse attempt
    world.course.add_child(instance=type(world.lessons[0])(title="Ny leksjon", slug="ny"))
    cache.clear()
    state = fold(world)
    assert state.status == Enrollment.Status.COMPLETED
    assert state.completed_at == completed.completed_at
    assert state.passed_at == completed.passed_at


def test_folding_twice_changes_nothing(alice, world):
    read_everything(alice, world)
    first = fold(world)
    assert services.fold_enrollment(first.pk, world.sortland.pk) is None  # nothing stale
    # Stale again with no new events: the same state.
    Enrollment.objects.for_organisation(world.sortland).filter(pk=first.pk).update(stale=True)
    second = fold(world)
    assert (second.status, second.lessons_completed, second.progress_percent) == (
        first.status,
        first.lessons_completed,
        first.progress_percent,
    )
    assert ActivityState.objects.for_organisation(world.sortland).count() == 4


def test_progress_changed_is_sent_after_commit(alice, world, django_capture_on_commit_callbacks):
    heard = []

    def listener(**kwargs):
        heard.append((kwargs["old_status"], kwargs["new_status"]))

    progress_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False):
            send(alice, read(world.alice, world.lessons[0]))
        with django_capture_on_commit_callbacks(execute=True):
            fold(world)
    finally:
        progress_changed.disconnect(listener)
    assert heard == [("not_started", "in_progress")]


def test_a_crash_mid_fold_loses_nothing(alice, world, monkeypatch):
    read_everything(alice, world)

    def crash(enrollment, events):
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "_fold", crash)
    with pytest.raises(SystemExit):
        services.fold_enrollment(enrollment(world).pk, world.sortland.pk)
    assert enrollment(world).stale is True  # the claim rolled back with the crash
    monkeypatch.undo()
    assert services.sweep_stale(older_than_seconds=0) == 1
    state = enrollment(world)
    assert (state.stale, state.status, state.lessons_completed) == (False, "in_progress", 1)


def test_a_reset_is_logged_and_starts_over(alice, world):
    read_everything(alice, world)
    send(alice, film(world, "paused", [[0, 6]]))
    grade(alice, world.lessons[2], right=True)
    done = fold(world)
    assert done.status == Enrollment.Status.COMPLETED
    services.reset_enrollment(done, by=world.astrid, reason="Tok kurset for en kollega")
    log = ResetLog.objects.for_organisation(world.sortland).get()
    assert (log.reset_by, log.reason, log.previous_status) == (
        world.astrid,
        "Tok kurset for en kollega",
        "completed",
    )
    state = enrollment(world)
    assert (state.status, state.completed_at, state.lessons_completed) == ("not_started", None, 0)
    # Old statements no longer count; new ones do.
    send(alice, read(world.alice, world.lessons[0]))
    state = fold(world)
    assert (state.status, state.lessons_completed) == ("in_progress", 1)


@pytest.fixture
def broker_down():
    """Point the app's publisher at a closed port (the shared Redis keeps running)."""
    conf = app.conf
    saved = conf.broker_write_url, conf.task_always_eager
    conf.broker_write_url, conf.task_always_eager = "redis://127.0.0.1:9/0", False
    app._pool = None
    app.amqp._producer_pool = None
    yield
    conf.broker_write_url, conf.task_always_eager = saved
    app._pool = None
    app.amqp._producer_pool = None


def test_with_the_broker_down_learners_keep_working(
    alice, world, broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(alice, read(world.alice, world.lessons[0]))
    assert response.status_code == 202
    assert time.monotonic() - started < 3
    state = enrollment(world)
    assert (state.stale, state.status) == (True, "not_started")
    assert state.events.count() == 1
    # Later, the sweeper folds what the broker never got.
    assert services.sweep_stale(older_than_seconds=0) == 1
    assert enrollment(world).status == "in_progress"
