"""Choosing an organisation among ~375: namesakes told apart by kind and
county, grouped by county, in Norwegian order."""

import pytest

from django.urls import reverse

from tenants.models import Employment, Organisation
from tenants.organisation_fields import grouped

from ..factories.accounts import UserFactory
from ..factories.tenants import OrganisationFactory

pytestmark = pytest.mark.django_db
K = Organisation.Kind


@pytest.fixture
def namesakes(db):
    county = {
        name: OrganisationFactory(kind=K.COUNTY, number=number, name=name, slug=f"fylke-{number}")
        for number, name in [
            ("18", "Nordland"),
            ("15", "Møre og Romsdal"),
            ("03", "Oslo"),
            ("31", "Østfold"),
            ("34", "Innlandet"),
        ]
    }
    municipality = {
        (name, c): OrganisationFactory(
            name=name, number=number, slug=f"k-{number}", county=county[c]
        )
        for number, name, c in [
            ("1818", "Herøy", "Nordland"),
            ("1515", "Herøy", "Møre og Romsdal"),
            ("0301", "Oslo", "Oslo"),
            ("3114", "Våler", "Østfold"),
            ("3419", "Våler", "Innlandet"),
            ("1820", "Alstahaug", "Nordland"),
            ("1868", "Øksnes", "Nordland"),
            ("1811", "Bindal", "Nordland"),
        ]
    }
    region = OrganisationFactory(kind=K.REGION, number="", name="Vesterålen", slug="vesteralen")
    return county, municipality, region


def test_labels_tell_namesakes_apart(namesakes):
    county, municipality, region = namesakes
    labels = {o.label for o in Organisation.objects.select_related("county")}
    assert {
        "Herøy (Nordland)",
        "Herøy (Møre og Romsdal)",
        "Våler (Østfold)",
        "Våler (Innlandet)",
        "Oslo kommune",
        "Oslo fylkeskommune",
        "Vesterålen (region)",
    } <= labels


def test_it_groups_by_county_in_norwegian_order(namesakes):
    groups = grouped(Organisation.objects.select_related("county"))
    assert [county for county, _ in groups] == [
        "Innlandet",
        "Møre og Romsdal",
        "Nordland",
        "Oslo",
        "Østfold",
        "Regioner og KS",
    ]
    nordland = dict(groups)["Nordland"]
    assert [o.label for o in nordland] == [
        "Nordland fylkeskommune",
        "Alstahaug (Nordland)",
        "Bindal (Nordland)",
        "Herøy (Nordland)",
        "Øksnes (Nordland)",
    ]


def test_sign_up_offers_organisations_grouped_by_county(client, namesakes):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<optgroup label="Nordland">' in html
    assert ">Herøy (Nordland)</option>" in html
    assert ">Herøy (Møre og Romsdal)</option>" in html
    assert ">Oslo fylkeskommune</option>" in html
    assert "Vesterålen" not in html  # one does not work for a region


def test_be_om_tilgang_uses_the_same_labels(client, namesakes):
    county, municipality, region = namesakes
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:request_employment")).content.decode()
    assert '<optgroup label="Østfold">' in html
    assert ">Våler (Østfold)</option>" in html
    heroy = municipality["Herøy", "Møre og Romsdal"]
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:request_employment"), {"organisation": heroy.pk})
    assert response.status_code == 302
    assert Employment.objects.for_organisation(heroy).filter(user=user).exists()
