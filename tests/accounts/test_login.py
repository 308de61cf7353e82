import pytest

from django.core import mail
from django.urls import reverse

from ..factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return UserFactory(email="alice@bergen.kommune.no", first_name="Alice")


def password_step(client, email, url=None):
    """The first step: the address alone; answers with the password form."""
    response = client.post(url or reverse("account_login"), {"login": email})
    assert response.status_code == 200
    return response.content.decode()


def test_it_asks_for_the_email_address_first(client):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count("<h1") == 1
    assert "<title>Logg inn – " in html
    assert 'type="email"' in html and 'autocomplete="username"' in html
    assert 'type="password"' not in html
    assert reverse("account_reset_password") in html


def test_it_then_shows_an_accessible_password_form(client, alice):
    html = password_step(client, "Alice@Bergen.Kommune.NO")
    assert 'value="alice@bergen.kommune.no"' in html
    assert 'autocomplete="current-password"' in html
    assert '<label for="id_password">Passord</label>' in html


def test_it_shows_the_same_password_form_for_an_unknown_address(client, alice):
    known = password_step(client, alice.email).replace(alice.email, "X")
    unknown = password_step(client, "ingen@example.no").replace("ingen@example.no", "X")
    strip = lambda html: html.split('name="csrfmiddlewaretoken" value="')[0]  # noqa: E731
    assert strip(known) == strip(unknown)


def test_it_asks_again_for_an_address_that_is_not_one(client):
    response = client.post(reverse("account_login"), {"login": "alice"})
    html = response.content.decode()
    assert "<title>Feil: Logg inn" in html
    assert 'type="password"' not in html


def test_it_logs_in_with_email_in_any_case(client, alice):
    response = client.post(
        reverse("account_login"),
        {"login": "Alice@Bergen.Kommune.NO", "password": "passord-for-test"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_follows_next_through_both_steps(client, alice):
    url = reverse("account_login") + "?next=" + reverse("accounts:profile")
    html = password_step(client, alice.email, url)
    assert 'name="next" value="/konto/"' in html
    response = client.post(
        reverse("account_login"),
        {"login": alice.email, "password": "passord-for-test", "next": "/konto/"},
    )
    assert response["Location"] == reverse("accounts:profile")


def test_it_ignores_a_next_link_to_another_site(client, alice):
    response = client.post(
        reverse("account_login"),
        {"login": alice.email, "password": "passord-for-test", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_it_says_what_went_wrong_with_a_wrong_password(client, alice):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": "feil"})
    html = response.content.decode()
    assert "E-postadressen eller passordet er feil" in html
    assert "<title>Feil: Logg inn" in html
    assert "_auth_user_id" not in client.session


def test_it_answers_an_unknown_address_as_a_wrong_password(client, alice):
    wrong = client.post(reverse("account_login"), {"login": alice.email, "password": "feil"})
    unknown = client.post(
        reverse("account_login"), {"login": "ingen@example.no", "password": "feil"}
    )
    message = "E-postadressen eller passordet er feil"
    assert message in wrong.content.decode() and message in unknown.content.decode()


@pytest.mark.parametrize("email", ["alice@bergen.kommune.no", "ingen@example.no"])
def test_it_stops_guessing_after_five_wrong_passwords(client, alice, email):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": email, "password": "feil"})
    response = client.post(
        reverse("account_login"), {"login": email, "password": "passord-for-test"}
    )
    html = response.content.decode()
    assert "For mange mislykkede forsøk på å logge inn" in html
    assert "_auth_user_id" not in client.session


def test_it_asks_unconfirmed_people_to_confirm_before_signing_in(client):
    bob = UserFactory(email="bob@example.no", email_confirmed=False)
    url = reverse("account_login") + "?next=" + reverse("accounts:profile")
    response = client.post(url, {"login": bob.email, "password": "passord-for-test"}, follow=True)
    html = response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "<h1>Sjekk e-posten din</h1>" in html
    # Said once, not twice (a message and the page).
    assert html.count("Du må bekrefte e-postadressen din før du kan logge inn.") == 1
    assert mail.outbox[-1].to == [bob.email]
    assert "/konto/bekreft/" in mail.outbox[-1].body


def test_it_logs_out_on_post_only(client, alice):
    client.force_login(alice)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert "<h1>Logg ut</h1>" in response.content.decode()
    assert client.session["_auth_user_id"] == str(alice.pk)

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile"))["Location"].startswith(reverse("account_login"))


def test_it_sends_the_admins_own_login_page_to_ours(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"


def test_it_sends_an_address_with_an_identity_provider_there_keeping_the_deep_link(
    client, monkeypatch
):
    # The seam single sign-on plugs into (services.identity_provider_for_email).
    from learning.accounts import services

    def provider(email):
        return "/sso/bergen/start/" if email.endswith("@bergen.kommune.no") else None

    monkeypatch.setattr(services, "identity_provider_for_email", provider)
    url = reverse("account_login") + "?next=/kurs/informasjonssikkerhet/"
    response = client.post(url, {"login": "Ola@Bergen.Kommune.no"})
    assert response.status_code == 302
    assert response["Location"] == "/sso/bergen/start/?next=%2Fkurs%2Finformasjonssikkerhet%2F"
    # Anyone else gets the password form.
    assert 'type="password"' in password_step(client, "kari@example.no", url)
