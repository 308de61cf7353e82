"""Provisioning through Celery: the real worker on Redis in CI, eager otherwise.

Transactional, because the worker thread reads committed rows only.
"""

import time

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Collection, Site

from tenants.models import Organisation
from tenants.tasks import provision_all_organisations_task, provision_organisation_task

from ..factories.tenants import OrganisationFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisations(wagtail_roots):
    return [
        OrganisationFactory(kind="national", number="", name="KS", slug="ks"),
        OrganisationFactory(name="Alfavik", slug="alfavik", number="9201"),
        OrganisationFactory(name="Charlievik", slug="charlievik", number="9202"),
    ]


def wait_until(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.2)


def test_it_provisions_through_the_task_once(organisations):
    alfavik = organisations[1]
    site_id = provision_organisation_task.delay(alfavik.pk).get(timeout=30)

    assert Site.objects.get(pk=site_id).hostname == "alfavik.kurs.localhost"
    groups, collections = Group.objects.count(), Collection.objects.count()
    assert provision_organisation_task.delay(alfavik.pk).get(timeout=30) == site_id
    assert (Group.objects.count(), Collection.objects.count()) == (groups, collections)


def test_it_fans_out_one_task_per_organisation(organisations):
    assert provision_all_organisations_task.delay().get(timeout=30) == 3

    wait_until(lambda: not Organisation.objects.filter(site__isnull=True).exists())
    assert Site.objects.filter(organisation__isnull=False).count() == 3
