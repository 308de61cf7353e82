import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_speaks_bokmal_by_default(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<html lang="nb">' in html
    assert "<h1>Registrer deg</h1>" in html
    assert ">E-postadresse</label>" in html
    assert "Opprett konto" in html


def test_it_keeps_bokmal_when_only_the_browser_is_set_to_english(client):
    # Phones set to English must not get a half-translated page.
    html = client.get(reverse("account_signup"), headers={"accept-language": "en"}).text
    assert '<html lang="nb">' in html
    assert "<h1>Registrer deg</h1>" in html


def test_it_speaks_english_once_the_person_chooses_it(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("account_signup")}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).text
    assert '<html lang="en">' in html
    assert "<h1>Sign up</h1>" in html
    assert ">E-mail address</label>" in html
    assert ">First name</label>" in html
    assert "Create account" in html
    assert "Registrer deg" not in html.split("<main")[1]


def test_it_offers_the_language_switcher_on_every_page(client):
    html = client.get(reverse("account_login")).text
    assert '<label for="language-select">Språk</label>' in html
    assert '<option value="nn" lang="nn">Norsk (nynorsk)</option>' in html
    assert '<option value="en" lang="en">English</option>' in html
