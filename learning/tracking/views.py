"""The event endpoint: the browser's statements in, 202 out, state later."""

import json

import pydantic

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.services import Access, lesson_access

from . import schemas, services
from .models import Enrollment

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NOT_FOUND = gettext_lazy("Fant ikke leksjonen, eller du har ikke tilgang til kurset.")
NO_EMPLOYER = gettext_lazy("Fremdrift lagres når en arbeidsgiver har godkjent deg som ansatt.")


class Refusal(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def _refuse(status, message):
    return JsonResponse({"error": message}, status=status)


@require_POST
def statements(request):
    """Store one xAPI-shaped statement or a batch (see schemas.py) and answer
    202 at once; Celery folds them into progress after commit. All or
    nothing: any statement refused stores none of the batch."""
    if not request.user.is_authenticated:
        return _refuse(401, _("Logg inn for at fremdriften din skal lagres."))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > schemas.MAX_BYTES:
        return _refuse(413, _("For mye på en gang: send høyst 64 KiB per forespørsel."))
    try:
        return _accept(request)
    except Refusal as refusal:
        return _refuse(refusal.status, refusal.message)


def _body(request):
    # navigator.sendBeacon cannot set the CSRF header, so it sends a form.
    beacon = request.content_type in FORM_TYPES
    raw = request.POST.get("statements", "") if beacon else request.body
    if len(raw) > schemas.MAX_BYTES:
        raise Refusal(413, _("For mye på en gang: send høyst 64 KiB per forespørsel."))
    return raw


def _parse(raw):
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise Refusal(400, _("Forespørselen er ikke gyldig JSON.")) from exc
    if isinstance(data, list) and len(data) > schemas.MAX_STATEMENTS:
        raise Refusal(
            413, _("For mange utsagn på en gang: send høyst %(n)s.") % {"n": schemas.MAX_STATEMENTS}
        )
    try:
        batch = schemas.Batch.validate_python(data)
    except pydantic.ValidationError as exc:
        where = ".".join(str(part) for part in exc.errors()[0]["loc"])
        raise Refusal(
            400, _("Utsagnet har feil form (%(where)s). Last siden på nytt.") % {"where": where}
        ) from exc
    return batch if isinstance(batch, list) else [batch]


def _check(request, statement, now):
    if statement.actor.account.name != str(request.user.pk):
        raise Refusal(403, _("Utsagnet gjelder en annen person enn den som er logget inn."))
    verb = schemas.VERBS.get(statement.verb.id)
    if verb is None:
        raise Refusal(400, _("Ukjent verb: %(verb)s.") % {"verb": statement.verb.id})
    if verb in schemas.SERVER_ONLY_VERBS or (
        statement.result and (statement.result.score or statement.result.success is not None)
    ):
        raise Refusal(
            400, _("Quizresultater registreres bare når quizen rettes. Send svarene til quizen.")
        )
    if schemas.timestamp_too_late(statement, now):
        raise Refusal(400, _("Tidspunktet ligger fram i tid. Sjekk klokken på maskinen din."))
    result = schemas.normalised_result(statement)
    if result is None:
        raise Refusal(400, _("Utsagnet har ugyldige resultatdata (segmenter eller lengde)."))
    return verb, result


def _contexts(request, organisation, course_ids, version, found):
    """{course id: context} for this learner under their employer of this
    request: their enrollment (made now if they may take the course) with
    the unit and job role of their employment. Kept per person and employer
    (services.learner_key) under the content version, so a course no longer
    shared with them is checked again, and the employment stamp, so a moved
    learner's next events carry the new unit at once; an ended employment
    drops out of request.organisation, found afresh for every request."""
    user = request.user
    key = services.learner_key(user.pk, organisation.pk)
    stamp = services.employment_stamp(user.pk, found)
    learner = found.get(key)
    if learner is None or stamp is None or learner["stamp"] != stamp:
        employment = services.learner_employment(user, organisation)
        if employment is None:
            raise Refusal(403, NO_EMPLOYER)
        learner = {
            "stamp": stamp,
            "unit": employment.unit_id,
            "job_role": employment.job_role_id,
            "courses": {},
        }
    missing = [pk for pk in course_ids if pk not in learner["courses"]]
    for course_id in missing:
        learner["courses"][course_id] = _enrollment_id(request, course_id, organisation)
    if missing and stamp is not None:
        services.keep(version, {key: learner})
    return {
        course_id: {
            "enrollment": learner["courses"][course_id],
            "organisation": organisation.pk,
            "unit": learner["unit"],
            "job_role": learner["job_role"],
        }
        for course_id in course_ids
    }


def _enrollment_id(request, course_id, organisation):
    """The learner's enrollment in the course, made now if they may take it.
    An assigned course is theirs whatever the catalogue shows; any other is
    checked against the access gate (courses.access), as the lesson page is."""
    enrollment = services.enrollment_for(request.user, course_id, organisation)
    if enrollment is not None and enrollment.source == Enrollment.Source.ASSIGNED:
        return enrollment.pk
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None or lesson_access(request, course) is not Access.ALLOWED:
        raise Refusal(404, NOT_FOUND)
    if enrollment is None:
        enrollment = services.enroll(request.user, course, organisation)
        if enrollment is None:
            raise Refusal(403, NO_EMPLOYER)
    return enrollment.pk


def _accept(request):
    batch = _parse(_body(request))
    now = timezone.now()
    organisation = request.organisation or None
    if organisation is None:
        raise Refusal(403, NO_EMPLOYER)
    checked, seen = [], set()
    for statement in batch:
        verb, result = _check(request, statement, now)
        if statement.id not in seen:
            seen.add(statement.id)
            checked.append((statement, verb, result))
    # One cache round trip for the content version, the lessons, the employment
    # stamp and what is kept about this learner.
    lesson_ids = {statement.lesson_id for statement in batch}
    key = services.learner_key(request.user.pk, organisation.pk)
    version, found = services.kept(
        [*(services.lesson_key(pk) for pk in lesson_ids), key],
        raw=[services.employment_stamp_key(request.user.pk)],
    )
    infos = services.lesson_infos(lesson_ids, version, found)
    for statement in batch:
        info = infos[statement.lesson_id]
        if info is None or statement.activity_id not in info["activities"]:
            raise Refusal(404, NOT_FOUND)
    course_ids = sorted({infos[statement.lesson_id]["course_id"] for statement, _, _ in checked})
    contexts = _contexts(request, organisation, course_ids, version, found)
    per_enrollment = {}
    for statement, verb, result in checked:
        course_id = infos[statement.lesson_id]["course_id"]
        context = contexts[course_id]
        if context["enrollment"] not in per_enrollment:
            # Only the fields record_events reads; no query.
            enrollment = Enrollment(
                pk=context["enrollment"],
                user_id=request.user.pk,
                course_id=course_id,
                organisation_id=context["organisation"],
            )
            per_enrollment[context["enrollment"]] = (enrollment, [])
        per_enrollment[context["enrollment"]][1].append(
            {
                "id": statement.id,
                "lesson_id": statement.lesson_id,
                "activity_id": statement.activity_id,
                "verb": verb,
                "result": result,
                "timestamp": statement.timestamp,
                "unit_id": context["unit"],
                "job_role_id": context["job_role"],
            }
        )
    with transaction.atomic():
        for enrollment, rows in per_enrollment.values():
            services.record_events(enrollment, rows, last_lesson_id=rows[-1]["lesson_id"])
    return JsonResponse({"stored": len(seen)}, status=202)
