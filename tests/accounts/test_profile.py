import pytest

from django.urls import reverse

from tenants.models import Employment
from tenants.services import SESSION_KEY

from ..factories.accounts import UserFactory
from ..factories.tenants import EmploymentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen():
    return OrganisationFactory(name="Bergen kommune")


@pytest.fixture
def askoy():
    return OrganisationFactory(name="Askøy kommune")


@pytest.fixture
def alice(bergen, askoy):
    """Works for Bergen and Askøy."""
    user = UserFactory(email="alice@bergen.kommune.no", first_name="Alice", last_name="Aasen")
    EmploymentFactory(user=user, organisation=bergen)
    EmploymentFactory(user=user, organisation=askoy)
    return user


@pytest.fixture
def charlie():
    """Works for another municipality and must not reach Alice's employers."""
    user = UserFactory(email="charlie@voss.kommune.no", first_name="Charlie")
    EmploymentFactory(user=user, organisation=OrganisationFactory(name="Voss herad"))
    return user


def test_it_sends_anonymous_people_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response["Location"] == reverse("account_login") + "?next=/konto/"


def test_it_shows_name_email_and_employments_with_status(client, alice):
    EmploymentFactory(
        user=alice,
        organisation=OrganisationFactory(name="Vestland fylkeskommune"),
        status=Employment.Status.PENDING,
    )
    client.force_login(alice)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert html.count("<h1") == 1
    assert "Alice Aasen" in html
    assert "alice@bergen.kommune.no" in html
    assert "Askøy kommune: <strong>Godkjent</strong>" in html
    assert "Vestland fylkeskommune: <strong>Venter på godkjenning</strong>" in html
    assert "Voss herad" not in html.split("Be om tilgang")[0]


def test_it_switches_between_own_active_employers(client, alice, bergen, askoy):
    client.force_login(alice)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert '<span class="site-header__org">Ansatt i Askøy kommune</span>' in html  # first by name

    response = client.post(
        reverse("accounts:switch_organisation"), {"organisation": bergen.pk}, follow=True
    )
    assert client.session[SESSION_KEY] == bergen.pk
    assert "Du ser nå kursene til Bergen kommune" in response.content.decode()
    assert (
        '<span class="site-header__org">Ansatt i Bergen kommune</span>' in response.content.decode()
    )


def test_it_refuses_to_switch_to_charlies_organisation(client, alice, charlie, bergen):
    client.force_login(alice)
    client.post(reverse("accounts:switch_organisation"), {"organisation": bergen.pk})
    voss = charlie.employments.get().organisation

    response = client.post(reverse("accounts:switch_organisation"), {"organisation": voss.pk})
    assert response.status_code == 400
    assert "Velg et gyldig valg" in response.content.decode()
    assert client.session[SESSION_KEY] == bergen.pk


def test_it_refuses_to_switch_to_a_pending_employer(client, alice):
    pending = EmploymentFactory(user=alice, status=Employment.Status.PENDING).organisation
    client.force_login(alice)
    response = client.post(reverse("accounts:switch_organisation"), {"organisation": pending.pk})
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_it_offers_no_switch_with_a_single_employer(client, charlie):
    client.force_login(charlie)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Bytt arbeidsgiver" not in html


def test_it_requests_access_to_another_organisation(client, charlie, askoy):
    client.force_login(charlie)
    response = client.post(
        reverse("accounts:request_employment"), {"organisation": askoy.pk}, follow=True
    )
    assert "Forespørselen er sendt til Askøy kommune" in response.content.decode()
    assert charlie.employments.get(organisation=askoy).status == Employment.Status.PENDING
    assert "Askøy kommune: <strong>Venter på godkjenning</strong>" in response.content.decode()


def test_it_does_not_ask_twice_for_the_same_organisation(client, alice, askoy):
    client.force_login(alice)
    response = client.post(reverse("accounts:request_employment"), {"organisation": askoy.pk})
    assert "Velg et gyldig valg" in response.content.decode()
    assert alice.employments.filter(organisation=askoy).count() == 1
