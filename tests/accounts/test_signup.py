import pytest

from django.core import mail
from django.urls import reverse

from learning.accounts.models import User
from tenants.models import Employment
from tenants.services import active_employers

from ..factories.accounts import UserFactory
from ..factories.tenants import EmailDomainFactory, OrganisationFactory
from .helpers import PASSWORD, link_in_last_mail, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen():
    org = OrganisationFactory(name="Bergen kommune", slug="bergen")
    EmailDomainFactory(organisation=org, domain="bergen.kommune.no")
    return org


def test_it_shows_an_accessible_signup_form(client, bergen):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<title>Registrer deg – " in html
    assert '<label for="id_email">E-postadresse</label>' in html
    assert 'autocomplete="given-name"' in html
    assert 'autocomplete="new-password"' in html
    assert "<option" in html and "Bergen kommune" in html


def test_it_makes_a_domain_signup_an_active_employee_after_confirming(client, bergen):
    response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    alice = User.objects.get(email="alice@bergen.kommune.no")
    assert not alice.email_confirmed
    assert not alice.employments.exists()
    assert mail.outbox[-1].to == ["alice@bergen.kommune.no"]
    assert "Bergen kommune" in mail.outbox[-1].body

    done = client.get(response["Location"])
    assert "Sjekk e-posten din" in done.content.decode()
    assert "ansatt i Bergen kommune" in done.content.decode()

    link = link_in_last_mail("/konto/bekreft/")
    page = client.get(link)
    assert "Bekreft e-postadressen" in page.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed, "Opening the link (as mail scanners do) confirms nothing"

    response = client.post(link, {"password": PASSWORD}, follow=True)
    alice.refresh_from_db()
    assert alice.email_confirmed
    assert list(active_employers(alice)) == [bergen]
    assert response.context["user"] == alice
    assert "Alt er klart" in response.content.decode()
    assert "ansatt i Bergen kommune" in response.content.decode()


def test_it_matches_domains_exactly_not_subdomains(client, bergen):
    data = signup_data(email="elev@skole.bergen.kommune.no")
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "Velg hvor du jobber" in response.content.decode()
    assert not User.objects.filter(email="elev@skole.bergen.kommune.no").exists()


def test_it_requires_a_municipality_for_other_addresses(client, bergen):
    response = client.post(reverse("account_signup"), signup_data(email="alice@gmail.com"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi kjenner ikke igjen e-postadressen" in html
    assert 'aria-describedby="id_organisation_helptext id_organisation_error"' in html
    assert 'href="#id_organisation"' in html
    assert "<title>Feil: Registrer deg" in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_it_leaves_a_chosen_municipality_pending_after_confirming(client, bergen):
    askoy = OrganisationFactory(name="Askøy kommune")
    data = signup_data(email="alice@gmail.com", organisation=askoy.pk)
    client.post(reverse("account_signup"), data)

    alice = User.objects.get(email="alice@gmail.com")
    pending = alice.employments.get()
    assert (pending.organisation, pending.status) == (askoy, Employment.Status.PENDING)
    assert "Askøy kommune" in mail.outbox[-1].body

    response = client.post(
        link_in_last_mail("/konto/bekreft/"), {"password": PASSWORD}, follow=True
    )
    alice.refresh_from_db()
    assert alice.email_confirmed
    assert alice.employments.get().status == Employment.Status.PENDING
    assert list(active_employers(alice)) == []
    assert "Venter på godkjenning fra Askøy kommune" in response.content.decode()


def test_it_ignores_a_chosen_municipality_when_the_domain_matches(client, bergen):
    charlies_org = OrganisationFactory(name="Charlies kommune")
    client.post(reverse("account_signup"), signup_data(organisation=charlies_org.pk))
    client.post(link_in_last_mail("/konto/bekreft/"), {"password": PASSWORD})

    alice = User.objects.get(email="alice@bergen.kommune.no")
    assert [(e.organisation, e.status) for e in alice.employments.all()] == [
        (bergen, Employment.Status.ACTIVE)
    ]


def test_it_answers_a_known_address_as_a_new_one_and_tells_its_owner(client, bergen):
    # No account enumeration: the same page as for a new address; the owner
    # gets a mail saying so, and nothing is created or changed.
    UserFactory(email="alice@bergen.kommune.no", first_name="Alice")
    data = signup_data(email="Alice@Bergen.Kommune.no", first_name="Mallory")
    response = client.post(reverse("account_signup"), data)
    assert response["Location"] == reverse("account_email_verification_sent")
    known = client.get(response["Location"]).content.decode()

    other = client.__class__()
    other.post(reverse("account_signup"), signup_data(email="ny@bergen.kommune.no"))
    new = other.get(reverse("account_email_verification_sent")).content.decode()
    assert (
        known.replace("alice@", "X@").split("csrfmiddlewaretoken")[0]
        == new.replace("ny@", "X@").split("csrfmiddlewaretoken")[0]
    )

    assert User.objects.filter(email="alice@bergen.kommune.no").get().first_name == "Alice"
    owners_mail = mail.outbox[0]
    assert owners_mail.to == ["alice@bergen.kommune.no"]
    assert owners_mail.subject == "Du har allerede en konto"
    assert "/konto/glemt-passord/" in owners_mail.body


def test_it_limits_signups_from_one_address(client, bergen):
    for n in range(20):
        client.post(reverse("account_signup"), signup_data(email=f"p{n}@bergen.kommune.no"))
    response = client.post(reverse("account_signup"), signup_data(email="p99@bergen.kommune.no"))
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
    assert not User.objects.filter(email="p99@bergen.kommune.no").exists()


def test_it_refuses_mismatched_passwords(client, bergen):
    response = client.post(reverse("account_signup"), signup_data(password2=PASSWORD + "x"))
    assert "Passordene er ikke like" in response.content.decode()
    assert not User.objects.exists()


def test_it_sends_signed_in_people_to_their_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("account_signup"))
    assert response["Location"] == reverse("accounts:profile")
