"""What a learner sees of their own progress on course and lesson pages.

Added to the pages' context through the `course_page_context` and
`lesson_page_context` hooks (registered in wagtail_hooks.py), so courses never
imports tracking. For a signed-in learner the course page costs one query
(their enrollment with its certificate, whose `completed_lessons` the fold
keeps), a lesson page two (plus this lesson's activity states, for the
tracker) and the lesson's activities from the cache; for anyone else, none.
A page that shows progress is marked personal, so the anonymous page cache
never stores it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.middleware.csrf import get_token
from django.urls import reverse

from courses.page_cache import mark_personal

from . import services
from .models import ActivityState, Enrollment


@dataclass
class Progress:
    enrollment: Enrollment
    done_lessons: set = field(default_factory=set)
    lessons_total: int = 0
    continue_url: str = ""

    @property
    def lessons_done(self):
        return len(self.done_lessons)

    @property
    def completed(self):
        return self.enrollment.completed_at is not None

    @property
    def percent(self):
        """The fold's figure (share of activities done), as on "Min læring"."""
        return 100 if self.completed else self.enrollment.progress_percent

    @property
    def started(self):
        return bool(
            self.lessons_done or self.enrollment.started_at or self.enrollment.last_lesson_id
        )

    @property
    def certificate(self):
        return getattr(self.enrollment, "certificate", None) if self.completed else None


def sign_in_url(request):
    """The login page, coming back to this very page afterwards."""
    return f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"


def _learner_organisation(request):
    if getattr(request, "is_preview", False) or not request.user.is_authenticated:
        return None
    return getattr(request, "organisation", None) or None


def _enrollment(request, course, organisation):
    return (
        Enrollment.objects.for_organisation(organisation)
        .filter(user=request.user, course_id=course.pk)
        .select_related("certificate")
        .first()
    )


def _states(enrollment, lesson):
    """This lesson's activity states: what the tracker need not report again."""
    return {
        activity_id: (completed, segments)
        for activity_id, completed, segments in ActivityState.objects.for_organisation(
            enrollment.organisation_id
        )
        .filter(enrollment=enrollment, lesson_id=lesson.pk)
        .values_list("activity_id", "completed", "segments")
    }


def _progress(request, enrollment, lessons):
    done = set(enrollment.completed_lessons) & {lesson.pk for lesson in lessons}
    # "Fortsett" goes where they were, else to the first lesson not done.
    resume = next((lesson for lesson in lessons if lesson.pk == enrollment.last_lesson_id), None)
    resume = resume or next((lesson for lesson in lessons if lesson.pk not in done), None)
    # The lesson list's own links: under the learner's site (courses.addresses).
    url = (getattr(resume, "href", None) or resume.get_url(request)) if resume is not None else ""
    return Progress(enrollment, done, len(lessons), url)


def course_page_context(request, page, context):
    if not request.user.is_authenticated:
        return {"sign_in_url": sign_in_url(request)}
    organisation = _learner_organisation(request)
    enrollment = organisation and _enrollment(request, page, organisation)
    if not enrollment:
        return {}
    mark_personal(request)
    return {"progress": _progress(request, enrollment, context["lessons"])}


def lesson_page_context(request, page, context):
    """Progress for the lesson list, and the tracker's settings. Opening a
    lesson enrolls a learner who may read it (serve() has checked that)."""
    if not request.user.is_authenticated:
        return {"sign_in_url": sign_in_url(request)}
    organisation = _learner_organisation(request)
    if organisation is None:
        return {}
    course = context["course"]
    enrollment = _enrollment(request, course, organisation)
    if enrollment is None:
        enrollment = services.enroll(request.user, course, organisation, session=request.session)
        if enrollment is None:
            return {}
    if enrollment.last_lesson_id != page.pk:
        # Where "Fortsett" goes: one write when they move on, none on a reload.
        Enrollment.objects.for_organisation(organisation).filter(pk=enrollment.pk).update(
            last_lesson=page
        )
        enrollment.last_lesson_id = page.pk
    mark_personal(request)
    states = _states(enrollment, page)
    # Kept on the page: courses.routing keeps pages until content changes,
    # when lesson_info's own key changes too.
    info = page.__dict__.get("_memo_lesson_info")
    if info is None:
        info = page._memo_lesson_info = services.lesson_info(page.pk)
    activities = info["activities"] if info else {}
    tracker = {
        "endpoint": reverse("tracking:statements"),
        "csrf": get_token(request),
        "actor": str(request.user.pk),
        "lesson": page.pk,
        "done": [a for a in activities if states.get(a, (False,))[0]],
        "segments": {
            a: states[a][1]
            for a, spec in activities.items()
            if spec["kind"] == "video" and a in states
        },
    }
    text = next((a for a, spec in activities.items() if spec["kind"] == "text"), "")
    progress = _progress(request, enrollment, context["lessons"])
    return {"progress": progress, "tracker": tracker, "text_activity": text}
