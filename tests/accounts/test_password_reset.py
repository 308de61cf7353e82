import pytest

from django.core import mail
from django.urls import reverse

from tenants.services import active_employers

from ..factories.accounts import UserFactory
from ..factories.tenants import EmailDomainFactory, OrganisationFactory
from .helpers import PASSWORD, link_in_last_mail

pytestmark = pytest.mark.django_db


def test_it_mails_a_link_that_sets_a_new_password(client):
    alice = UserFactory(email="alice@example.no")
    response = client.post(reverse("accounts:password_reset"), {"email": "ALICE@example.no"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox[-1].to == ["alice@example.no"]
    assert mail.outbox[-1].subject == "Lag nytt passord"

    link = link_in_last_mail("/konto/nytt-passord/")
    form_page = client.get(link, follow=True)
    assert "Lag nytt passord" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert "Passordet er endret" in response.content.decode()

    response = client.post(
        reverse("accounts:login"), {"username": alice.email, "password": PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(alice.pk)

    used_again = client.get(link, follow=True)
    assert "Lenken virker ikke" in used_again.content.decode()


def test_it_sends_nothing_for_an_unknown_address(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "ingen@example.no"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_it_treats_a_used_reset_link_as_a_confirmed_address(client):
    bergen = OrganisationFactory(name="Bergen kommune")
    EmailDomainFactory(organisation=bergen, domain="bergen.kommune.no")
    bob = UserFactory(email="bob@bergen.kommune.no", email_confirmed=False)

    client.post(reverse("accounts:password_reset"), {"email": bob.email})
    form_page = client.get(link_in_last_mail("/konto/nytt-passord/"), follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    bob.refresh_from_db()
    assert bob.email_confirmed
    assert list(active_employers(bob)) == [bergen]
