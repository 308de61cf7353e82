"""Learner-facing views that are not Wagtail pages: quiz grading, captions
and uploaded files."""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import files
from .blocks import caption_tracks
from .grading import SubmissionError, find_quiz, grade, parse_answers
from .models import LessonPage, page_href
from .services import Access, lesson_access
from .signals import quiz_graded

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _wants_json(request):
    return request.content_type == "application/json"


@require_POST
def grade_quiz(request, lesson_id, quiz_id):
    """Score a quiz. JSON in, JSON out for the inline script; a plain form POST
    gets a results page, so the quiz works without JavaScript."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    course = lesson.course
    access = lesson_access(request, course)
    if access is Access.NOT_FOUND:
        raise Http404
    if access is Access.SIGN_IN:
        if _wants_json(request):
            message = _("Logg inn som ansatt for å svare på quizen.")
            return JsonResponse({"error": message}, status=401)
        # The lesson page sends them on to sign in (or to what they wait for).
        return redirect(page_href(lesson, request, course))
    quiz = find_quiz(lesson, quiz_id)
    if quiz is None:
        raise Http404

    try:
        if _wants_json(request):
            try:
                data = json.loads(request.body)
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                raise SubmissionError(_("Svaret er ikke gyldig JSON.")) from exc
            answers = parse_answers(data)
        elif request.content_type not in FORM_CONTENT_TYPES:
            raise SubmissionError(_("Send svarene som et skjema eller som JSON."))
        else:
            answers = {
                key.removeprefix("q-"): request.POST.getlist(key)
                for key in request.POST
                if key.startswith("q-")
            }
        result = grade(quiz.value, answers)
    except SubmissionError as exc:
        if _wants_json(request):
            return JsonResponse({"error": str(exc)}, status=400)
        context = {"page": lesson, "lesson": lesson, "error": str(exc)}
        return render(request, "courses/quiz_result.html", context, status=400)

    quiz_graded.send(
        sender=LessonPage, request=request, lesson=lesson, quiz_id=quiz_id, result=result
    )
    if _wants_json(request):
        return JsonResponse(result.as_dict())
    context = {
        "page": lesson,
        "lesson": lesson,
        "quiz": quiz.value,
        "result": result,
        "course_language": course.language,  # questions and feedback are course content
    }
    return render(request, "courses/quiz_result.html", context)


@require_safe
def captions(request, lesson_id, document_id):
    """A lesson's WebVTT captions served as text/vtt, same origin as the video,
    which is what browsers need for a <track>. Only files the lesson's videos
    use, and only to people who may fetch them (courses.files)."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    document = next(
        (
            track[0]
            for block in lesson.body
            if block.block_type == "video"
            for track in caption_tracks(block.value, None)
            if track[0].pk == document_id
        ),
        None,
    )
    if document is None or document.file_extension.lower() != "vtt":
        return files.not_found()
    access = files.file_access(request, document)
    if access is files.FileAccess.NOT_FOUND:
        return files.not_found()
    stored = files.StoredFile(document, document.file)
    return files.file_response(stored, access, content_type="text/vtt; charset=utf-8")


@require_safe
def media_file(request, path):
    """Any upload at its /media/ address, to those who may fetch it
    (courses.files): public for courses shared with everyone, else only for
    people who may see a lesson using it or who edit its collection."""
    stored = files.find(path)
    if stored is None:
        return files.not_found()
    access = files.file_access(request, stored.owner)
    if access is files.FileAccess.NOT_FOUND:
        return files.not_found()
    return files.file_response(stored, access, disposition=files.disposition_for(stored))
