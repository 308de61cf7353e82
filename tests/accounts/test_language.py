import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_speaks_bokmal_by_default(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert '<html lang="nb">' in html
    assert "<h1>Registrer deg</h1>" in html
    assert ">E-postadresse</label>" in html
    assert "Opprett konto" in html


def test_it_speaks_english_when_the_browser_asks(client):
    response = client.get(reverse("accounts:signup"), headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Sign up</h1>" in html
    assert ">E-mail address</label>" in html
    assert ">First name</label>" in html
    assert "Create account" in html
    assert "Registrer deg" not in html.split("<main")[1]
