"""Listen to tracking (which never imports reports)."""

from django.dispatch import receiver

from learning.tracking.signals import progress_changed

from .tasks import refresh_rollups_task


@receiver(progress_changed, dispatch_uid="reports_refresh_rollups")
def refresh_on_progress(sender, organisation_id, course_id, **kwargs):
    """Tracking sends this after commit: recompute that organisation × course."""
    refresh_rollups_task.delay(organisation_id, course_id)
