"""Provisioning through Celery: one task per organisation."""

from celery import shared_task

from django.db import DatabaseError

from .models import Organisation
from .services import provision_organisation


@shared_task(
    acks_late=True,
    # Two workers racing on the same organisation: the retry finds its work done.
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def provision_organisation_task(organisation_id):
    """Provision one organisation (see services.provision_organisation).
    Takes an id; safe to run twice or to retry (provisioning is idempotent).
    An organisation deleted since the task was queued is skipped."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return None
    provision_organisation(organisation)
    return organisation.site_id


@shared_task
def provision_all_organisations_task():
    """Fan out: queue provision_organisation_task for every organisation, after
    the current transaction commits. Safe to run twice."""
    ids = list(Organisation.objects.order_by("name").values_list("pk", flat=True))
    for organisation_id in ids:
        provision_organisation_task.delay_on_commit(organisation_id)
    return len(ids)
