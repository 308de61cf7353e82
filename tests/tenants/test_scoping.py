import pytest

from django.db import IntegrityError, transaction

from tenants.models import Employment
from tenants.scoping import UnscopedQueryError

from ..factories.tenants import EmploymentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_to_list_employments_without_an_organisation():
    EmploymentFactory()
    with pytest.raises(UnscopedQueryError, match="for_organisation"):
        list(Employment.objects.all())
    with pytest.raises(UnscopedQueryError):
        Employment.objects.filter(status="active").count()


def test_it_lists_only_the_named_organisations_rows():
    alice_org, charlie_org = OrganisationFactory(), OrganisationFactory()
    alice = EmploymentFactory(organisation=alice_org)
    EmploymentFactory(organisation=charlie_org)
    assert list(Employment.objects.for_organisation(alice_org)) == [alice]
    assert Employment.objects.unscoped().count() == 2


def test_it_lets_a_person_read_their_own_employments_through_the_relation():
    emp = EmploymentFactory()
    assert list(emp.user.employments.all()) == [emp]


def test_it_keeps_one_open_employment_per_person_and_organisation():
    rejected = EmploymentFactory(status=Employment.Status.REJECTED)
    again = EmploymentFactory(
        user=rejected.user, organisation=rejected.organisation, status=Employment.Status.PENDING
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EmploymentFactory(user=again.user, organisation=again.organisation)
    assert rejected.user.employments.count() == 2
