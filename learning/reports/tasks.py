"""Rollups through Celery: one task per organisation (× course)."""

from celery import shared_task

from django.db import DatabaseError

from . import rollups, weekly


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
    """Beat, Monday mornings: mail a link to the dashboard (never figures) to
    analysts who asked. Safe to run twice: see weekly.send_weekly_emails."""
    return weekly.send_weekly_emails()
