"""Rollups through Celery: one task per organisation (× course)."""

from celery import shared_task

from django.db import DatabaseError

from . import rollups


@shared_task(
    name="reports.refresh_rollups",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def refresh_rollups_task(organisation_id, course_id=None):
    """Recompute one organisation's rollups (one course when given). Safe to
    run twice or to retry: it recomputes from tracking's enrollments."""
    rollups.refresh_rollups(organisation_id, course_id)


@shared_task(name="reports.rebuild_rollups")
def rebuild_rollups_task():
    """Nightly (beat): fan out one refresh per organisation with learner records.
    Safe to run twice."""
    ids = rollups.organisations_with_enrollments()
    for organisation_id in ids:
        refresh_rollups_task.delay_on_commit(organisation_id)
    return len(ids)


@shared_task(name="reports.build_export", acks_late=True)
def build_export_task(job_id):
    """Build one export file. Safe to run twice: a finished job is left alone."""
    from .models import ExportJob
    from .views import build_export

    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        build_export(job)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
        raise
    job.status, job.progress = ExportJob.Status.DONE, 100
    job.save(update_fields=["file", "status", "progress"])


@shared_task(name="reports.weekly_email")
def send_weekly_email_task():
    """Mail a link to the dashboard (never figures) to analysts who asked.
    Safe to run twice in a week: people mailed in the last six days are skipped."""
    import datetime

    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .access import can_view_national
    from .models import AnalystSubscription

    since = timezone.now() - datetime.timedelta(days=6)
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("reports:national")
    sent = 0
    for sub in AnalystSubscription.objects.filter(weekly_email=True).select_related("user"):
        if not can_view_national(sub.user) or (sub.last_sent_at and sub.last_sent_at > since):
            continue
        send_mail(
            _("Ukens opptak i kommunesektoren"),
            _("Tallene for denne uken er klare på dashbordet: %(link)s") % {"link": link},
            None,
            [sub.user.email],
        )
        AnalystSubscription.objects.filter(pk=sub.pk).update(last_sent_at=timezone.now())
        sent += 1
    return sent
