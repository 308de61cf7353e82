"""Listeners for other apps' signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.signals import quiz_graded
from tenants.models import Employment

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


@receiver(post_save, sender=Employment, dispatch_uid="tracking-employment-saved")
@receiver(post_delete, sender=Employment, dispatch_uid="tracking-employment-deleted")
def forget_employment(sender, instance, **kwargs):
    """New events carry the employment as it is now: the endpoint's kept
    unit and job role (services.learner_key) are dropped. Ended or rejected
    employments also drop out of request.organisation, checked per request."""
    services.forget_employment(instance.user_id)
