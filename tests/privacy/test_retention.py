"""Retention: events older than EVENT_RETENTION_DAYS are summarised into the
folded state and deleted; completions, certificates and progress stay, also
when the enrollment is folded again; newer events are untouched."""

import datetime

import pytest

from django.utils import timezone

from learning.privacy import retention
from learning.privacy.tasks import delete_old_events_task
from learning.tracking import services as tracking
from learning.tracking.models import ActivityState, Certificate, Enrollment, LearningEvent

from ..tracking.core_world import read, send, statement
from .world import LENGTH, build_privacy_world, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(wagtail_roots, settings):
    settings.EVENT_RETENTION_DAYS = 30
    world = build_privacy_world()
    # Bob has watched half the film too: in progress, not complete.
    film = statement(world.bob, world.lessons[1], "film-1", "paused", segments=[[0, 3]])
    film["result"]["extensions"][LENGTH] = 6
    assert send(signed_in(world.bob), [film]).status_code == 202
    bob = Enrollment.objects.unscoped().get(user=world.bob)
    tracking.fold_enrollment(bob.pk, bob.organisation_id)
    # Sortland's events are 40 days old; Charlie's (Kongsberg) 20.
    events = LearningEvent.objects.unscoped()
    events.filter(organisation=world.sortland).update(stored_at=days_ago(40))
    events.filter(organisation=world.kongsberg).update(stored_at=days_ago(20))
    return world


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def state(user):
    enrollment = Enrollment.objects.unscoped().get(user=user)
    activities = ActivityState.objects.unscoped().filter(enrollment=enrollment)
    return (
        enrollment.status,
        enrollment.progress_percent,
        enrollment.completed_at,
        enrollment.passed_at,
        sorted(activities.values_list("activity_id", "progress", "completed", "passed", "score")),
        sorted(map(str, activities.values_list("segments", flat=True))),
    )


def fold_again(user):
    enrollment = Enrollment.objects.unscoped().get(user=user)
    Enrollment.objects.unscoped().filter(pk=enrollment.pk).update(stale=True)
    tracking.fold_enrollment(enrollment.pk, enrollment.organisation_id)


def old_events():
    return LearningEvent.objects.unscoped().filter(stored_at__lt=days_ago(30))


def test_it_deletes_old_events_and_keeps_what_they_added_up_to(world):
    before = {user.pk: state(user) for user in (world.alice, world.bob)}
    assert old_events().exists()

    assert retention.delete_old_events(world.sortland.pk) == 2  # Alice's and Bob's enrollments

    assert not old_events().exists()
    for user in (world.alice, world.bob):
        assert state(user) == before[user.pk]
        fold_again(user)  # what a new statement would cause
        assert state(user) == before[user.pk]
    assert (
        Certificate.objects.for_organisation(world.sortland)
        .filter(enrollment__user=world.alice)
        .exists()
    )


def test_it_leaves_newer_events_alone(world):
    charlie = set(LearningEvent.objects.unscoped().filter(user=world.charlie).values_list("pk"))

    retention.delete_old_events(world.kongsberg.pk)
    retention.delete_old_events(world.sortland.pk)

    assert set(LearningEvent.objects.unscoped().filter(user=world.charlie).values_list("pk")) == (
        charlie
    )


@pytest.mark.eager
def test_the_beat_task_runs_through_celery_and_twice_is_harmless(world):
    before = {user.pk: state(user) for user in (world.alice, world.bob)}

    delete_old_events_task.delay()
    kept = set(LearningEvent.objects.unscoped().values_list("pk", flat=True))
    delete_old_events_task.delay()

    assert not old_events().exists()
    assert set(LearningEvent.objects.unscoped().values_list("pk", flat=True)) == kept
    for user in (world.alice, world.bob):
        assert state(user) == before[user.pk]


def test_a_learner_who_comes_back_keeps_their_progress(world):
    before = state(world.bob)
    retention.delete_old_events(world.sortland.pk)

    # Bob reads the first lesson again, years later: the fold runs on the
    # summary and the new statement, and his half-watched film still counts.
    assert send(signed_in(world.bob), [read(world.bob, world.lessons[0])]).status_code == 202
    enrollment = Enrollment.objects.unscoped().get(user=world.bob)
    tracking.fold_enrollment(enrollment.pk, enrollment.organisation_id)

    assert state(world.bob) == before


def test_the_period_comes_from_the_setting(world, settings):
    settings.EVENT_RETENTION_DAYS = 50

    assert retention.organisations_with_old_events() == []
    assert retention.delete_old_events(world.sortland.pk) == 0
