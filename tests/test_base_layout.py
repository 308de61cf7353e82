import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from django.test import Client

from wagtail.models import Site
from wagtail.users.utils import get_gravatar_url

from .factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_it_renders_pages_on_a_site_no_organisation_owns():
    # A fresh install, before provisioning: Wagtail's default site has no organisation.
    assert Site.objects.filter(is_default_site=True).exists()
    response = Client().get("/konto/logg-inn/")
    assert response.status_code == 200
    assert "<title>" in response.text and "Kompetanseplattform" in response.text


def test_it_tells_an_unconfirmed_person_to_confirm_their_email(client):
    client.force_login(UserFactory(email_confirmed=False))
    response = client.get("/konto/")
    assert response.text.count("Du må bekrefte e-postadressen din") == 1


def test_it_does_not_repeat_the_notice_on_the_page_about_confirming(client):
    client.force_login(UserFactory(email_confirmed=False))
    html = client.get("/konto/tilgang/").text
    assert "<h1>Bekreft e-posten din</h1>" in html
    assert "Du må bekrefte e-postadressen din" not in html


def test_it_offers_a_skip_link_to_the_main_content(client):
    response = client.get("/konto/logg-inn/")
    assert 'class="skip-link" href="#main"' in response.text
    assert 'id="main"' in response.text


def test_it_has_a_favicon_of_its_own(client):
    html = client.get("/konto/logg-inn/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
    icon.close()


def test_it_asks_no_avatar_service_abroad():
    assert get_gravatar_url("kari@ks.no") is None


def test_it_explains_why_confirming_asks_for_the_password(client):
    user = UserFactory(email_confirmed=False)
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key
    html = client.get(f"/konto/bekreft/{key}/").text
    assert "Hvorfor passordet?" in html
    assert "åpner dessuten lenker av seg selv" in html
