"""Celery tasks: thin wrappers around services, on the tracking queue."""

from celery import shared_task

from . import services


@shared_task(name="tracking.fold_enrollment", acks_late=True, ignore_result=True)
def fold_enrollment_task(enrollment_id, organisation_id):
    """Fold one enrollment's events into its state (services.fold_enrollment).
    Safe to run twice and to redeliver: a crash rolls back the claim."""
    services.fold_enrollment(enrollment_id, organisation_id)


@shared_task(name="tracking.sweep_stale", acks_late=True, ignore_result=True, bind=True)
def sweep_stale_task(self, limit=500):
    """Fold enrollments left stale (broker down, worker killed). Beat runs it
    every minute; it re-queues itself while a full batch came back."""
    if services.sweep_stale(limit=limit) >= limit:
        self.apply_async(kwargs={"limit": limit}, retry=False)


@shared_task(name="tracking.apply_assignment", acks_late=True, ignore_result=True)
def apply_assignment_task(assignment_id, organisation_id):
    """Enroll everyone an assignment reaches (services.apply_assignment). Idempotent."""
    services.apply_assignment(assignment_id, organisation_id)


@shared_task(name="tracking.apply_assignments", ignore_result=True)
def apply_assignments_task():
    """Re-apply every assignment, one task per assignment with its
    organisation, so people who joined a unit or role since are enrolled.
    Beat runs it hourly; enrolling is idempotent."""
    for assignment_id, organisation_id in services.assignment_ids():
        apply_assignment_task.delay(assignment_id, organisation_id)
