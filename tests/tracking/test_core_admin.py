"""Assignments, enrollments and resets in the Wagtail admin, and their isolation."""

import datetime

import pytest

from django.core.cache import cache
from django.urls import reverse

from learning.tracking import services
from learning.tracking.models import Assignment, Enrollment, ResetLog

from .core_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


def assign(client, world, org=None, **data):
    url = reverse("tracking_assignments")
    if org is not None:
        url += f"?organisasjon={org.pk}"
    return client.post(url, {"course": world.course.pk, **data})


def enrolled(world):
    return set(
        Enrollment.objects.for_organisation(world.sortland).values_list("user__email", flat=True)
    )


def test_an_admin_assigns_a_course_to_a_unit_and_its_subunits(client, world):
    client.force_login(world.astrid)
    response = assign(client, world, units=[world.health.pk], include_subunits="on",
                      due_date="2027-01-31")  # fmt: skip
    assert response.status_code == 302
    assignment = Assignment.objects.for_organisation(world.sortland).get()
    assert assignment.assigned_by == world.astrid
    services.apply_assignment(assignment.pk, world.sortland.pk)  # what the task runs
    # Alice works in Sykehjem, a sub-unit of Helse; Bob in Skole.
    assert enrolled(world) == {"alice@sortland.kommune.no"}
    enrollment = Enrollment.objects.for_organisation(world.sortland).get()
    assert (enrollment.source, enrollment.due_date) == ("assigned", datetime.date(2027, 1, 31))


def test_without_subunits_a_unit_means_only_its_own_people(client, world):
    client.force_login(world.astrid)
    assign(client, world, units=[world.health.pk])
    services.apply_assignment(Assignment.objects.for_organisation(world.sortland).get().pk,
                              world.sortland.pk)  # fmt: skip
    assert enrolled(world) == set()


def test_an_admin_assigns_to_job_roles_and_named_people(client, world):
    client.force_login(world.astrid)
    assign(client, world, job_roles=[world.nurse.pk], users=[world.bob.pk])
    assignment = Assignment.objects.for_organisation(world.sortland).get()
    assert services.apply_assignment(assignment.pk, world.sortland.pk) == 2
    assert services.apply_assignment(assignment.pk, world.sortland.pk) == 2  # idempotent
    assert enrolled(world) == {"alice@sortland.kommune.no", "bob@sortland.kommune.no"}


def test_an_assignment_needs_someone(client, world):
    client.force_login(world.astrid)
    response = assign(client, world)
    assert response.status_code == 200
    assert "Velg minst én person" in response.content.decode()
    assert not Assignment.objects.unscoped().exists()


def test_an_admin_of_another_organisation_cannot_assign_to_its_people(client, world):
    client.force_login(world.knut)
    response = assign(client, world, users=[world.alice.pk], units=[world.health.pk])
    assert response.status_code == 200  # the form refuses Sortland's course and people
    errors = response.context["form"].errors
    assert {"course", "users", "units"} <= set(errors)
    assert assign(client, world, org=world.sortland, users=[world.alice.pk]).status_code == 404
    assert not Assignment.objects.unscoped().exists()


def test_an_admin_sees_only_their_own_organisations_enrollments(client, world):
    services.enroll(world.alice, world.course, world.sortland)
    client.force_login(world.knut)
    response = client.get(reverse("tracking_enrollments"))
    assert response.status_code == 200
    assert "alice" not in response.content.decode().lower()
    url = reverse("tracking_enrollments") + f"?organisasjon={world.sortland.pk}"
    assert client.get(url).status_code == 404
    client.force_login(world.astrid)
    assert "Alice Test" in client.get(reverse("tracking_enrollments")).content.decode()


def test_an_admin_resets_a_learner_with_a_reason(client, world):
    enrollment = services.enroll(world.alice, world.course, world.sortland)
    client.force_login(world.astrid)
    url = reverse("tracking_reset", args=[enrollment.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    assert not ResetLog.objects.unscoped().exists()
    assert client.post(url, {"reason": "Feil person tok kurset"}).status_code == 302
    log = ResetLog.objects.for_organisation(world.sortland).get()
    assert (log.enrollment, log.reset_by, log.reason) == (
        enrollment,
        world.astrid,
        "Feil person tok kurset",
    )


def test_an_admin_of_another_organisation_cannot_reset(client, world):
    enrollment = services.enroll(world.alice, world.course, world.sortland)
    client.force_login(world.knut)
    url = reverse("tracking_reset", args=[enrollment.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Fordi jeg kan"}).status_code == 404
    assert not ResetLog.objects.unscoped().exists()


def test_a_learner_is_no_admin(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("tracking_enrollments"))
    assert response.status_code == 302  # Wagtail sends people without admin access away
