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
    response = client.post(reverse("account_reset_password"), {"email": "ALICE@example.no"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox[-1].to == ["alice@example.no"]
    assert mail.outbox[-1].subject == "Lag nytt passord"

    link = link_in_last_mail("/konto/nytt-passord/")
    form_page = client.get(link, follow=True)
    assert "Lag nytt passord" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"password1": PASSWORD, "password2": PASSWORD}, follow=True
    )
    assert "Passordet er endret" in response.content.decode()

    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)

    used_again = client.get(link, follow=True)
    assert "Lenken virker ikke" in used_again.content.decode()


def test_it_sends_nothing_for_an_unknown_address(client):
    response = client.post(reverse("account_reset_password"), {"email": "ingen@example.no"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox == []


def test_it_treats_a_used_reset_link_as_a_confirmed_address(client):
    bergen = OrganisationFactory(name="Bergen kommune")
    EmailDomainFactory(organisation=bergen, domain="bergen.kommune.no")
    bob = UserFactory(email="bob@bergen.kommune.no", email_confirmed=False)

    client.post(reverse("account_reset_password"), {"email": bob.email})
    form_page = client.get(link_in_last_mail("/konto/nytt-passord/"), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD})
    bob.refresh_from_db()
    assert bob.email_confirmed
    assert list(active_employers(bob)) == [bergen]


def test_it_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="alice@example.no")
    pages = [
        client.post(reverse("account_reset_password"), {"email": email}, follow=True)
        for email in ("alice@example.no", "ingen@example.no")
    ]
    assert [p.redirect_chain[-1][0] for p in pages] == [reverse("account_reset_password_done")] * 2
    assert pages[0].content == pages[1].content
    assert len(mail.outbox) == 1


def test_it_limits_reset_mails_to_one_address(client):
    UserFactory(email="alice@example.no")
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": "alice@example.no"})
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.no"})
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
    assert len(mail.outbox) == 5
