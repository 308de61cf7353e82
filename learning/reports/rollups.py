"""Keep the rollups: recompute them from tracking's enrollments, one
organisation (optionally one course) at a time, in one transaction.

A recomputation rather than +1/-1 counters: running it twice, or out of
order with another, gives the same rows, and a nightly rebuild repairs
anything a lost task missed.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from learning.privacy.services import erased_day_counts, erased_unit_counts
from learning.tracking.models import Enrollment

from . import caching
from .models import CourseDayRollup, RollupState, UnitRollup

MEASURES = ("enrolled", "started", "completed", "passed", "assigned")
_DATE_FIELDS = {
    "enrolled": "enrolled_at",
    "started": "started_at",
    "completed": "completed_at",
    "passed": "passed_at",
    "assigned": "enrolled_at",
}


def refresh_rollups(organisation_id, course_id=None):
    """Recompute both rollups of one organisation (all its courses, or one).
    Safe to run twice or concurrently with the nightly rebuild (last write wins,
    and both write the same figures). Reports kept from the old figures are
    not served again (caching.rollups_changed)."""
    enrollments = Enrollment.objects.for_organisation(organisation_id)
    if course_id is not None:
        enrollments = enrollments.filter(course_id=course_id)

    days = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    for measure, date_field in _DATE_FIELDS.items():
        rows = enrollments.filter(**{f"{date_field}__isnull": False})
        if measure == "assigned":
            rows = rows.filter(source=Enrollment.Source.ASSIGNED)
        rows = (
            rows.annotate(day=TruncDate(date_field))
            .values("course_id", "day")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            days[row["course_id"], row["day"]][measure] = row["n"]

    units = defaultdict(lambda: {"not_started": 0, "in_progress": 0, "completed": 0})
    for row in (
        enrollments.values("unit_id", "job_role_id", "course_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        units[row["unit_id"], row["job_role_id"], row["course_id"]][row["status"]] = row["n"]
    # People who deleted their account still count, anonymously (learning/privacy).
    for key, counts in erased_day_counts(organisation_id, course_id).items():
        for measure, n in counts.items():
            days[key][measure] += n
    for key, counts in erased_unit_counts(organisation_id, course_id).items():
        for status, n in counts.items():
            units[key][status] += n

    with transaction.atomic():
        day_rows = CourseDayRollup.objects.for_organisation(organisation_id)
        unit_rows = UnitRollup.objects.for_organisation(organisation_id)
        if course_id is not None:
            day_rows = day_rows.filter(course_id=course_id)
            unit_rows = unit_rows.filter(course_id=course_id)
        day_rows.delete()
        unit_rows.delete()
        CourseDayRollup.objects.bulk_create(
            [
                CourseDayRollup(organisation_id=organisation_id, course_id=c, day=d, **counts)
                for (c, d), counts in days.items()
            ],
            batch_size=2000,
        )
        UnitRollup.objects.bulk_create(
            [
                UnitRollup(
                    organisation_id=organisation_id,
                    unit_id=unit,
                    job_role_id=role,
                    course_id=course,
                    **counts,
                )
                for (unit, role, course), counts in units.items()
            ],
            batch_size=2000,
        )
        RollupState.objects.for_organisation(organisation_id).update_or_create(
            organisation_id=organisation_id, defaults={"refreshed_at": timezone.now()}
        )
    caching.rollups_changed([organisation_id])


def organisations_with_enrollments():
    """Ids of every organisation that has learner records (for the nightly fan-out)."""
    return list(
        Enrollment.objects.unscoped()
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by()
    )


def refreshed_at(organisation_ids=None):
    """When the figures were last refreshed: the oldest refresh among the
    organisations (all of them when None), so no figure shown is older."""
    states = RollupState.objects.unscoped()
    if organisation_ids is not None:
        states = RollupState.objects.for_organisations(organisation_ids)
    oldest = states.order_by("refreshed_at").values_list("refreshed_at", flat=True).first()
    return oldest
