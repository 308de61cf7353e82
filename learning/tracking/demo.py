"""Demo progress for `load_initial_data`: one learner who has done something.

Liv Berg in Kongsberg has completed "SvarUT for saksbehandlere" (with its
certificate), is part way through two courses and has "Informasjonssikkerhet
i hverdagen" assigned with a due date. Everything goes through the same
services the browser and the quiz use (statements in, fold out), so the demo
shows what the platform really computes. Safe to run again: statement ids
are derived from the learner and the activity, so a rerun stores nothing new.
"""

import datetime
import uuid

from django.utils import timezone

from courses.grading import grade
from courses.models import CoursePage
from tenants.models import Organisation

from . import services
from .models import Assignment, LearningEvent

LEARNER = ("liv.berg@kongsberg.kommune.no", "Liv", "Berg", "kongsberg", "learner")
# course slug -> how many of its lessons Liv has done (None: all, quiz passed)
PROGRESS = {
    "svarut-for-saksbehandlere": None,
    "prosjekt-og-portefoljestyring": 2,
    "velkommen-som-ny-medarbeider": 1,
}
ASSIGNED = "informasjonssikkerhet-i-hverdagen"
NAMESPACE = uuid.UUID("0c7a4f55-5a3e-4f0b-9b53-2f1d1c0de5a1")


def load(user, log=None):
    """Give `user` (an active employee of Kongsberg) the demo progress."""
    log = log or (lambda message: None)
    kongsberg = Organisation.objects.get(slug="kongsberg")
    for slug, lessons_done in PROGRESS.items():
        course = CoursePage.objects.live().filter(slug=slug).first()
        if course is None:
            continue
        enrollment = services.enroll(user, course, kongsberg)
        lessons = list(course.lessons())
        for lesson in lessons if lessons_done is None else lessons[:lessons_done]:
            _do_lesson(user, enrollment, lesson)
        services.fold_enrollment(enrollment.pk, kongsberg.pk)
        log(f"{user.get_full_name()}: {course.title}")

    course = CoursePage.objects.live().filter(slug=ASSIGNED).first()
    if course is not None:
        assignment, _ = Assignment.objects.for_organisation(kongsberg).get_or_create(
            organisation=kongsberg,
            course=course,
            defaults={"due_date": timezone.localdate() + datetime.timedelta(days=14)},
        )
        assignment.users.add(user)
        services.apply_assignment(assignment.pk, kongsberg.pk)


def _do_lesson(user, enrollment, lesson):
    rows = []
    now = timezone.now()
    for activity_id, spec in services.lesson_activities(lesson).items():
        kind = spec["kind"]
        if kind == "quiz":
            _pass_quiz(user, enrollment, lesson, activity_id)
            continue
        result = {}
        verb = "experienced"
        if kind == "video":
            verb, length = "paused", spec.get("duration") or 6.0
            result = {"segments": [[0.0, length]], "duration": length, "completion": True}
        rows.append(
            {
                "id": uuid.uuid5(NAMESPACE, f"{user.pk}/{lesson.pk}/{activity_id}"),
                "lesson_id": lesson.pk,
                "activity_id": activity_id,
                "verb": verb,
                "result": result,
                "timestamp": now,
                "unit_id": enrollment.unit_id,
                "job_role_id": enrollment.job_role_id,
            }
        )
    if rows:
        services.record_events(enrollment, rows, last_lesson_id=lesson.pk)


def _pass_quiz(user, enrollment, lesson, quiz_id):
    graded = LearningEvent.objects.for_organisation(enrollment.organisation_id).filter(
        enrollment=enrollment, activity_id=quiz_id, verb="passed"
    )
    if graded.exists():
        return  # an earlier run passed it
    quiz = next(block for block in lesson.body if block.id == quiz_id)
    answers = {
        question.id: [
            choice.id
            for choice in question.value["choices"].bound_blocks
            if choice.value["correct"]
        ]
        for question in quiz.value["questions"].bound_blocks
    }
    services.record_quiz_result(
        user, lesson, quiz_id, grade(quiz.value, answers), enrollment.organisation_id
    )
