"""Listen to tracking (which never imports reports) and to accounts being deleted."""

import logging

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from learning.tracking.signals import progress_changed

from . import caching
from .models import ExportJob
from .tasks import refresh_rollups_task

logger = logging.getLogger(__name__)


@receiver(progress_changed, dispatch_uid="reports_refresh_rollups")
def refresh_on_progress(sender, organisation_id, course_id, **kwargs):
    """Tracking sends this after commit: recompute that organisation × course.
    With the broker down the learner's request must still succeed; the
    nightly rebuild repairs the figures."""
    try:
        refresh_rollups_task.apply_async((organisation_id, course_id), retry=False)
    except Exception:  # noqa: BLE001  (kombu/redis OperationalError, socket errors)
        logger.warning("Could not queue a rollup refresh; the nightly rebuild will catch up.")


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="reports_forget_exports")
def forget_exports_with(sender, instance, **kwargs):
    """An account is deleted (learning.privacy): the export files that may name
    the person go too, not only their rows: what they asked for themselves,
    and every municipal export of an organisation they worked for (it lists
    people). Anyone who needs one makes it again."""
    organisations = instance.employments.values_list("organisation_id", flat=True)
    jobs = ExportJob.objects.filter(
        Q(requested_by=instance) | Q(report="municipal", organisation__in=list(organisations))
    )
    for job in jobs:
        if job.file:
            job.file.delete(save=False)
        job.delete()


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="reports_forget_kept_names")
def forget_kept_reports_with(sender, instance, **kwargs):
    """An account is deleted: municipal reports kept with the person's name in
    the gap list (caching.py) are not served again, by any organisation they
    worked for. The rollups themselves keep counting them (learning/privacy)."""
    organisations = set(instance.employments.values_list("organisation_id", flat=True))
    caching.rollups_changed(organisations)
