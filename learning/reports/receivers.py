"""Listen to tracking (which never imports reports)."""

import logging

from django.dispatch import receiver

from learning.tracking.signals import progress_changed

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
