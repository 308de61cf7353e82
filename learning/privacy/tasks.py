"""Celery tasks of privacy: thin wrappers around retention.py."""

from celery import shared_task

from . import retention


@shared_task(name="privacy.delete_old_events", ignore_result=True)
def delete_old_events_task():
    """Beat runs it nightly: one task per organisation with old events."""
    for organisation_id in retention.organisations_with_old_events():
        delete_old_events_for_task.delay(organisation_id)


@shared_task(name="privacy.delete_old_events_for", ignore_result=True, bind=True)
def delete_old_events_for_task(self, organisation_id, limit=500):
    """Fold and delete one organisation's events past the retention period
    (retention.delete_old_events). Safe to run twice; re-queues itself while
    a full batch of enrollments came back."""
    if retention.delete_old_events(organisation_id, limit=limit) >= limit:
        self.apply_async(args=[organisation_id], kwargs={"limit": limit}, retry=False)
