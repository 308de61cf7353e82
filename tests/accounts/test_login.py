import pytest

from django.urls import reverse

from ..factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return UserFactory(email="alice@bergen.kommune.no", first_name="Alice")


def test_it_shows_an_accessible_login_form(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert html.count("<h1") == 1
    assert "<title>Logg inn – " in html
    assert 'type="email"' in html and 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert reverse("accounts:password_reset") in html


def test_it_logs_in_with_email_in_any_case(client, alice):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Alice@Bergen.Kommune.NO", "password": "passord-for-test"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_follows_next_after_login(client, alice):
    url = reverse("accounts:login") + "?next=" + reverse("accounts:profile")
    response = client.post(url, {"username": alice.email, "password": "passord-for-test"})
    assert response["Location"] == reverse("accounts:profile")


def test_it_says_what_went_wrong_with_a_wrong_password(client, alice):
    response = client.post(reverse("accounts:login"), {"username": alice.email, "password": "feil"})
    html = response.content.decode()
    assert "E-postadressen eller passordet er feil" in html
    assert "<title>Feil: Logg inn" in html
    assert "_auth_user_id" not in client.session


def test_it_lets_unconfirmed_people_in_but_tells_them_to_confirm(client):
    bob = UserFactory(email="bob@example.no", email_confirmed=False)
    url = reverse("accounts:login") + "?next=" + reverse("accounts:profile")
    response = client.post(
        url, {"username": bob.email, "password": "passord-for-test"}, follow=True
    )
    html = response.content.decode()
    assert response.context["user"] == bob
    # Said once, not twice (a message and the notice every page shows them).
    assert html.count("Du må bekrefte e-postadressen din før du kan ta kurs.") == 1
    assert "Du har ikke bekreftet e-postadressen din ennå" not in html
    assert "Bekreft e-posten din" in html


def test_it_logs_out_on_post_only(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(alice.pk)

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:login"))
