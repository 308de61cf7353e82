"""An organisation's own report: units × job roles × courses, the gap list and
a person's learning record. Names are shown here: only for people in scope."""

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from learning.tracking.models import Enrollment
from tenants.models import Employment

from . import rollups
from .models import UnitRollup


def status_table(scope, course_id=None):
    """Rows (unit, job role, course, not_started, in_progress, completed), from the rollup."""
    rows = scope.filter(UnitRollup.objects)
    if course_id:
        rows = rows.filter(course_id=course_id)
    return list(
        rows.values("unit__name", "job_role__name", "course__title", "course_id")
        .annotate(
            not_started_n=Sum("not_started"),
            in_progress_n=Sum("in_progress"),
            completed_n=Sum("completed"),
        )
        .order_by("unit__name", "job_role__name", "course__title")
    )


def gap_list(scope, course_id=None):
    """Assigned enrollments not completed, overdue first: ordering by due date
    puts every overdue one (due before today) first, then the rest by date,
    then those without a date. Reads only the columns the gap table shows, so
    the largest municipality's top 100 come from tracking's
    `enrollment_open_assignment` index without sorting all its people."""
    today = timezone.localdate()
    rows = (
        scope.filter(Enrollment.objects)
        .filter(Q(source=Enrollment.Source.ASSIGNED) | Q(assignment__isnull=False))
        .exclude(status=Enrollment.Status.COMPLETED)
        .select_related("user", "course", "unit")
        .only(
            "status",
            "due_date",
            "user__first_name",
            "user__last_name",
            "user__email",
            "course__title",
            "unit__name",
        )
        .annotate(
            overdue=Case(
                When(due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            F("due_date").asc(nulls_last=True),
            "user__last_name",
            "user__first_name",
            "pk",
        )
    )
    if course_id:
        rows = rows.filter(course_id=course_id)
    return rows


def courses(scope):
    """(id, title) of the courses the scope's people take, from the rollup."""
    return list(
        scope.filter(UnitRollup.objects)
        .values_list("course_id", "course__title")
        .distinct()
        .order_by("course__title")
    )


def person_in_scope(scope, user_id):
    """True when the person has (or had) an employment or enrollment in scope."""
    return (
        scope.filter(Employment.objects).filter(user_id=user_id).exists()
        or scope.filter(Enrollment.objects).filter(user_id=user_id).exists()
    )


def learning_record(scope, user_id):
    """The person's enrollments with this organisation (only this one's)."""
    return (
        Enrollment.objects.for_organisation(scope.organisation)
        .filter(user_id=user_id)
        .select_related("course")
        .order_by("-enrolled_at")
    )


def refreshed_at(scope):
    return rollups.refreshed_at([scope.organisation.pk])
