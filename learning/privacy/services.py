"""A person's own data (GDPR): everything the platform holds about them, and
erasing it while the municipal and national figures stay as they were.

Reads across organisations on purpose: the rows are the person's own, found
by their user id, whatever organisation employed them at the time.
"""

import csv
import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone

from learning.tracking.models import ActivityState, Certificate, Enrollment, LearningEvent
from tenants.models import Employment

from .models import ErasedEnrollments

ACCOUNT_FIELDS = [
    "id",
    "email",
    "first_name",
    "last_name",
    "language",
    "email_confirmed",
    "is_active",
    "date_joined",
    "last_login",
]
# Never in an export, not even to the person: secrets and others' data.
WITHHELD_FIELDS = {"password", "key", "secret", "token", "data", "session_data", "file"}


def _rows(queryset, *fields, **expressions):
    return list(queryset.values(*fields, **expressions).order_by("pk"))


def _other_rows(user, handled):
    """Rows of every other table that belong to the person: those deleted
    with the account (on_delete=CASCADE), e.g. unit leader roles, report
    subscriptions, e-mail addresses of the account library. Rows that only
    name the person as the one who did something to others' data (approved
    by, reset by) are not theirs and stay out."""
    found = {}
    for relation in get_user_model()._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.one_to_many):
            continue
        if relation.on_delete is not models.CASCADE or relation.related_model in handled:
            continue
        model = relation.related_model
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name not in WITHHELD_FIELDS and f.attname != relation.field.attname
        ]
        rows = _rows(model._base_manager.filter(**{relation.field.name: user}), *fields)
        if rows:
            found[model._meta.label_lower] = rows
    return found


def personal_data(user):
    """Everything the platform holds about `user`, section by section
    ({section: [row, ...]}), none of anyone else's. Reads only."""
    enrollments = Enrollment.objects.unscoped().filter(user=user)
    data = {
        "account": [
            {
                **{name: getattr(user, name) for name in ACCOUNT_FIELDS},
                "groups": ", ".join(user.groups.order_by("name").values_list("name", flat=True)),
            }
        ],
        "employments": _rows(
            Employment.objects.unscoped().filter(user=user),
            "id",
            "status",
            "start_date",
            "end_date",
            "created_at",
            organisation_name=F("organisation__name"),
            unit_name=F("unit__name"),
            job_role_name=F("job_role__name"),
        ),
        "enrollments": _rows(
            enrollments,
            "id",
            "course_id",
            "source",
            "status",
            "enrolled_at",
            "started_at",
            "completed_at",
            "passed_at",
            "due_date",
            "progress_percent",
            "lessons_completed",
            "lessons_total",
            course_title=F("course__title"),
            organisation_name=F("organisation__name"),
            unit_name=F("unit__name"),
            job_role_name=F("job_role__name"),
        ),
        "events": _rows(
            LearningEvent.objects.unscoped().filter(user=user),
            "id",
            "enrollment_id",
            "course_id",
            "lesson_id",
            "activity_id",
            "verb",
            "result",
            "timestamp",
            "stored_at",
        ),
        "activity_states": _rows(
            ActivityState.objects.unscoped().filter(enrollment__in=enrollments),
            "id",
            "enrollment_id",
            "lesson_id",
            "activity_id",
            "kind",
            "segments",
            "progress",
            "completed",
            "passed",
            "score",
        ),
        "certificates": _rows(
            Certificate.objects.unscoped().filter(enrollment__in=enrollments),
            "id",
            "enrollment_id",
            "code",
            "issued_at",
            "learner_name",
            "course_title",
            "organisation_name",
        ),
    }
    handled = {Employment, Enrollment, LearningEvent}
    data.update(_other_rows(user, handled))
    return data


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def as_csv_zip(data):
    """A zip with one CSV file per section (UTF-8 with BOM, so Excel reads æøå)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section, rows in data.items():
            out = io.StringIO()
            out.write("\ufeff")
            columns = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {
                        key: json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                        if isinstance(value, dict | list)
                        else value
                        for key, value in row.items()
                    }
                )
            archive.writestr(f"{section.replace('.', '-')}.csv", out.getvalue())
    return buffer.getvalue()


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _keep_as_count(enrollment):
    """Add one enrollment to the anonymous counts (merged with its kind)."""
    kind = {
        "organisation_id": enrollment.organisation_id,
        "unit_id": enrollment.unit_id,
        "job_role_id": enrollment.job_role_id,
        "course_id": enrollment.course_id,
        "status": enrollment.status,
        "assigned": enrollment.source == Enrollment.Source.ASSIGNED,
        "enrolled_on": _day(enrollment.enrolled_at),
        "started_on": _day(enrollment.started_at),
        "completed_on": _day(enrollment.completed_at),
        "passed_on": _day(enrollment.passed_at),
    }
    counts = ErasedEnrollments.objects.for_organisation(enrollment.organisation_id)
    row = counts.select_for_update().filter(**kind).first()
    if row is None:
        counts.create(**kind, count=1)
    else:
        counts.filter(pk=row.pk).update(count=F("count") + 1)


def _scrub_log_labels(user):
    """Wagtail's admin log keeps a label (the object's name as it was) for
    changes to rows such as the person's employments: blank out theirs."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    needles = {user.email, user.get_full_name()} - {""}
    for model in (ModelLogEntry, PageLogEntry):
        for needle in needles:
            model.objects.filter(label__icontains=needle).update(label="–")


@transaction.atomic
def erase_account(user_id):
    """Delete a person's account and personal data. Their enrollments become
    anonymous counts (ErasedEnrollments), which the rollups add to what they
    read from enrollments, so no figure changes now or after a rebuild.
    Events, progress, certificates, employments and everything else tied to
    the account go. Safe to run twice: the second run finds no user."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    enrollments = Enrollment.objects.unscoped().filter(user=user).select_for_update()
    for enrollment in enrollments:
        _keep_as_count(enrollment)
    # Events and states go with their enrollment (and the LearningEvent.user cascade).
    Enrollment.objects.unscoped().filter(user=user).delete()
    _scrub_log_labels(user)
    user.delete()
    return True


def erased_day_counts(organisation_id, course_id=None):
    """{(course_id, day): {measure: n}} of erased people's enrollments, in the
    shape of reports' CourseDayRollup (enrolled, started, completed, passed, assigned)."""
    rows = ErasedEnrollments.objects.for_organisation(organisation_id)
    if course_id is not None:
        rows = rows.filter(course_id=course_id)
    found = {}
    measures = {
        "enrolled": "enrolled_on",
        "started": "started_on",
        "completed": "completed_on",
        "passed": "passed_on",
        "assigned": "enrolled_on",
    }
    for measure, field in measures.items():
        chosen = rows.filter(**{f"{field}__isnull": False})
        if measure == "assigned":
            chosen = chosen.filter(assigned=True)
        for row in chosen.values("course_id", field).annotate(n=Sum("count")).order_by():
            key = (row["course_id"], row[field])
            found.setdefault(key, {})[measure] = row["n"]
    return found


def erased_unit_counts(organisation_id, course_id=None):
    """{(unit_id, job_role_id, course_id): {status: n}} of erased people's
    enrollments, in the shape of reports' UnitRollup."""
    rows = ErasedEnrollments.objects.for_organisation(organisation_id)
    if course_id is not None:
        rows = rows.filter(course_id=course_id)
    found = {}
    for row in (
        rows.values("unit_id", "job_role_id", "course_id", "status")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        key = (row["unit_id"], row["job_role_id"], row["course_id"])
        found.setdefault(key, {})[row["status"]] = row["n"]
    return found
