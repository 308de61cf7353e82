"""Listeners for other apps' signals."""

from django.dispatch import receiver

from courses.signals import quiz_graded

from . import services


@receiver(quiz_graded, dispatch_uid="tracking-quiz-graded")
def record_quiz(sender, request, lesson, quiz_id, result, **kwargs):
    """The server's grading is the only source of quiz results."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return  # anonymous readers of open courses: nothing to keep
    services.record_quiz_result(
        user,
        lesson,
        quiz_id,
        result,
        organisation=request.organisation or None,
        session=request.session,
    )
