import time

import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from django.core import mail, signing
from django.urls import reverse

from tenants.models import Employment

from ..factories.accounts import UserFactory
from ..factories.tenants import EmailDomainFactory, EmploymentFactory, OrganisationFactory
from .helpers import PASSWORD, link_in_last_mail, signup_data

pytestmark = pytest.mark.django_db


class OldSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)


@pytest.fixture
def bergen():
    org = OrganisationFactory(name="Bergen kommune")
    EmailDomainFactory(organisation=org, domain="bergen.kommune.no")
    return org


@pytest.fixture
def alice(bergen):
    return UserFactory(email="alice@bergen.kommune.no", email_confirmed=False, password=PASSWORD)


# What Alice types on the confirmation page: the password she chose at sign-up.
HER_PASSWORD = {"password": PASSWORD}


def confirm_url(key):
    return reverse("account_confirm_email", args=[key])


def key_for(user):
    """The key allauth puts in the confirmation mail's link."""
    return EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key


def test_it_refuses_a_tampered_link_and_changes_nothing(client, alice):
    token = key_for(alice)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for response in (client.get(confirm_url(tampered)), client.post(confirm_url(tampered))):
        html = response.content.decode()
        assert response.status_code == 400
        assert "Lenken for å bekrefte e-postadressen er ikke gyldig" in html
        assert reverse("accounts:resend_confirmation") in html

    alice.refresh_from_db()
    assert not alice.email_confirmed
    assert not alice.employments.exists()
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_expired_link(client, alice):
    address = EmailAddress.objects.get(user=alice)
    token = OldSigner(salt=allauth_settings.SALT).sign_object(address.pk)
    response = client.post(confirm_url(token))
    assert response.status_code == 400
    assert "er utløpt" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed


def test_it_refuses_a_link_made_for_an_earlier_address(client, alice):
    token = key_for(alice)
    # Alice changes her address (allauth replaces the row on confirming the new one).
    EmailAddress.objects.filter(user=alice).delete()
    EmailAddress.objects.create(user=alice, email="alice@gmail.com", primary=True)
    assert client.post(confirm_url(token), HER_PASSWORD).status_code == 400
    alice.refresh_from_db()
    assert not alice.email_confirmed


def test_it_sends_a_new_link_that_works(client, alice):
    response = client.post(reverse("accounts:resend_confirmation"), {"email": alice.email})
    assert "Sjekk e-posten din" in response.content.decode()
    assert mail.outbox[-1].to == [alice.email]

    client.post(link_in_last_mail("/konto/bekreft/"), HER_PASSWORD)
    alice.refresh_from_db()
    assert alice.email_confirmed
    assert alice.employments.get().status == Employment.Status.ACTIVE


def test_it_answers_the_same_for_unknown_and_confirmed_addresses(client):
    charlie = UserFactory(email="charlie@example.no", email_confirmed=True)
    for email in ("ingen@example.no", charlie.email):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": email})
        assert "har vi sendt en ny lenke dit" in response.content.decode()
    assert mail.outbox == []


def test_it_logs_in_only_once_per_link(client, alice):
    url = confirm_url(key_for(alice))
    client.post(url, HER_PASSWORD)
    assert client.session["_auth_user_id"] == str(alice.pk)

    other_browser = client.__class__()
    response = other_browser.post(url, HER_PASSWORD)
    assert "E-postadressen er allerede bekreftet" in response.content.decode()
    assert "_auth_user_id" not in other_browser.session


def test_it_keeps_a_rejection_by_the_organisation(client, alice, bergen):
    EmploymentFactory(user=alice, organisation=bergen, status=Employment.Status.REJECTED)
    response = client.post(confirm_url(key_for(alice)), HER_PASSWORD, follow=True)
    assert [e.status for e in alice.employments.all()] == [Employment.Status.REJECTED]
    assert "Velg arbeidsgiver" in response.content.decode()


def test_it_approves_a_pending_request_to_the_addresss_own_organisation(client, alice, bergen):
    EmploymentFactory(user=alice, organisation=bergen, status=Employment.Status.PENDING)
    client.post(confirm_url(key_for(alice)), HER_PASSWORD)
    assert [e.status for e in alice.employments.all()] == [Employment.Status.ACTIVE]


def test_it_leaves_a_new_request_after_a_rejection_to_the_admin(client, alice, bergen):
    # Rejected, asks again, then resets the password (which confirms the mailbox):
    # the mailbox alone must not undo the admin's decision.
    EmploymentFactory(user=alice, organisation=bergen, status=Employment.Status.REJECTED)
    client.force_login(alice)
    client.post(reverse("accounts:request_employment"), {"organisation": bergen.pk})
    client.post(confirm_url(key_for(alice)), HER_PASSWORD)
    assert sorted(e.status for e in alice.employments.all()) == [
        Employment.Status.PENDING,
        Employment.Status.REJECTED,
    ]


def test_it_does_not_let_the_mailbox_switch_on_a_strangers_password(client, bergen):
    # Mallory signs up in Alice's name, with a password only he knows.
    mallory = client.__class__()
    mallory.post(
        reverse("account_signup"), signup_data(password1="Mallory-1234", password2="Mallory-1234")
    )
    link = link_in_last_mail("/konto/bekreft/")

    # Alice gets a mail she never asked for and clicks "Bekreft" without a password.
    response = client.post(link)
    assert response.status_code == 400
    assert "Skriv passordet du valgte da du registrerte deg." in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Mallory signs in with his password: not signed in, asked to confirm.
    response = mallory.post(
        reverse("account_login"),
        {"login": "alice@bergen.kommune.no", "password": "Mallory-1234"},
        follow=True,
    )
    assert "_auth_user_id" not in mallory.session
    assert "Sjekk e-posten din" in response.content.decode()
    assert not Employment.objects.unscoped().filter(user__email="alice@bergen.kommune.no")


def test_it_lets_the_owner_take_the_account_back_by_choosing_her_own_password(client, bergen):
    mallory = client.__class__()
    mallory.post(
        reverse("account_signup"), signup_data(password1="Mallory-1234", password2="Mallory-1234")
    )
    page = client.get(link_in_last_mail("/konto/bekreft/"))
    assert reverse("account_reset_password") in page.content.decode()
    client.post(reverse("account_reset_password"), {"email": "alice@bergen.kommune.no"})
    reset = client.get(link_in_last_mail("/konto/nytt-passord/"), follow=True)
    client.post(
        reset.redirect_chain[-1][0],
        {"password1": "Alice-eget-98", "password2": "Alice-eget-98"},
    )

    alice = Employment.objects.unscoped().get(user__email="alice@bergen.kommune.no").user
    assert alice.email_confirmed
    # Mallory's password no longer works.
    assert not mallory.login(email="alice@bergen.kommune.no", password="Mallory-1234")


def test_it_keeps_the_address_unconfirmed_on_a_wrong_password(client, alice):
    url = confirm_url(key_for(alice))
    response = client.post(url, {"password": "feil-passord"})
    assert response.status_code == 400
    assert "Passordet stemmer ikke" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed
    assert not alice.employments.exists()


def test_it_stops_guessing_the_password_on_the_confirmation_page(client, alice):
    url = confirm_url(key_for(alice))
    for _ in range(5):
        client.post(url, {"password": "feil-passord"})
    response = client.post(url, HER_PASSWORD)
    assert response.status_code == 400
    assert "For mange mislykkede forsøk" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed
