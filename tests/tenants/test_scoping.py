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


def test_it_refuses_an_unscoped_subquery():
    from learning.accounts.models import User

    EmploymentFactory()
    with pytest.raises(UnscopedQueryError):
        list(User.objects.filter(pk__in=Employment.objects.values("user")))


def test_it_refuses_raw_sql_on_a_tenant_owned_model():
    with pytest.raises(UnscopedQueryError, match="raw SQL"):
        Employment.objects.raw("SELECT * FROM tenants_employment")


def test_it_refuses_an_employment_in_another_organisations_unit():
    from django.core.exceptions import ValidationError

    from ..factories.tenants import JobRoleFactory, UnitFactory

    alice_org, charlie_org = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValidationError) as caught:
        EmploymentFactory(organisation=alice_org, unit=UnitFactory(organisation=charlie_org))
    assert "unit" in caught.value.message_dict
    with pytest.raises(ValidationError):
        EmploymentFactory(organisation=alice_org, job_role=JobRoleFactory(organisation=charlie_org))
    assert Employment.objects.for_organisation(alice_org).count() == 0


def test_it_fails_the_system_check_for_a_model_that_escapes_tenancy():
    from django.apps import apps
    from django.db import models

    from tenants.tenancy import check_tenant_models

    class Leaky(models.Model):
        organisation = models.ForeignKey("tenants.Organisation", on_delete=models.CASCADE)

        class Meta:
            app_label = "tenants"

        def __str__(self):
            return "leaky"

    try:
        errors = check_tenant_models()
        assert [e.id for e in errors if e.obj is Leaky] == ["tenants.E001"]
    finally:
        del apps.all_models["tenants"]["leaky"]
        apps.clear_cache()
    assert check_tenant_models() == []


def test_it_documents_that_reverse_joins_from_organisation_are_not_scoped():
    """Organisation is not tenant-owned: counting through its reverse relation
    reads every organisation's rows. Only national aggregates may do this; the
    reports app reads rollups instead. Kept here so a change is noticed."""
    from django.db.models import Count

    from tenants.models import Organisation

    org = OrganisationFactory()
    EmploymentFactory(organisation=org)
    counted = Organisation.objects.annotate(n=Count("employments")).get(pk=org.pk)
    assert counted.n == 1
