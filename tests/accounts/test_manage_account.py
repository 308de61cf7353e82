"""The pages where people manage their sign-in (password, e-mail address,
second factor) speak the person's language, and changing the password works."""

import pytest
from allauth.mfa.models import Authenticator

from django.urls import reverse

from ..factories.accounts import UserFactory, give_second_factor

pytestmark = pytest.mark.django_db

OLD = "passord-for-test"
NEW = "Fjord-Molte-Trikk-42"


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.fixture
def nynorsk_learner(client):
    user = UserFactory(email="nils@example.no", language="nn")
    response = sign_in(client, user.email, OLD)
    assert response.status_code == 302
    return user


def nynorsk_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.text
    assert '<html lang="nn"' in html
    return html


@pytest.mark.parametrize(
    ("url_name", "heading", "also"),
    [
        ("account_change_password", "Byt passord", ">Passordet du brukar no</label>"),
        ("account_email", "Byt e-postadresse", ">Ny e-postadresse</label>"),
        ("account_reauthenticate", "Stadfest at det er deg", "på nytt"),
        ("mfa_index", "Tostegsstadfesting", "Ikkje slått på."),
        ("mfa_activate_totp", "Slå på tostegsstadfesting", ">Kode</label>"),
    ],
)
def test_a_nynorsk_learner_manages_the_account_in_nynorsk(
    client, nynorsk_learner, url_name, heading, also
):
    html = nynorsk_page(client, reverse(url_name))
    assert f"<h1>{heading}</h1>" in html
    assert also in html
    for english in ("Password", "Email", "Confirm", "Change", "Authenticator app"):
        assert english not in html.split("<main")[1].split("</main>")[0], (url_name, english)


def test_recovery_code_pages_are_in_nynorsk(client, nynorsk_learner):
    give_second_factor(nynorsk_learner)
    html = nynorsk_page(client, reverse("mfa_view_recovery_codes"))
    assert "<h1>Reservekodar</h1>" in html
    html = nynorsk_page(client, reverse("mfa_generate_recovery_codes"))
    assert "<h1>Lag nye reservekodar</h1>" in html
    assert "Kodane du har no, sluttar å verke." in html


def test_someone_without_a_password_is_offered_to_set_one_in_nynorsk(client):
    user = UserFactory(email="sso@example.no", language="nn")
    user.set_unusable_password()  # signed in through the employer's provider
    user.save()
    client.force_login(user)
    assert client.get(reverse("account_change_password"))["Location"].startswith(
        reverse("account_set_password")
    )
    html = nynorsk_page(client, reverse("account_set_password"))
    assert "<h1>Lag passord</h1>" in html
    assert "Du loggar inn gjennom arbeidsgivaren din" in html


def test_changing_the_password_replaces_the_old_one(client, nynorsk_learner):
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 302
    assert "Passordet er endra." in client.get(response["Location"]).text

    client.logout()
    html = sign_in(client, nynorsk_learner.email, OLD).text
    assert "E-postadressen eller passordet er feil" in html  # signed out: bokmål
    assert sign_in(client, nynorsk_learner.email, NEW).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_current_password_changes_nothing_and_says_so_in_nynorsk(client, nynorsk_learner):
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "feil-passord", "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 200
    assert "Skriv passordet du brukar no." in response.text
    nynorsk_learner.refresh_from_db()
    assert nynorsk_learner.check_password(OLD)


def test_changing_the_address_waits_for_the_new_one_to_be_confirmed(client, nynorsk_learner):
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "nils.ny@example.no"}
    )
    assert response.status_code == 302
    html = nynorsk_page(client, reverse("account_email"))
    assert "Vi har sendt ei lenkje til <strong>nils.ny@example.no</strong>" in html
    nynorsk_learner.refresh_from_db()
    assert nynorsk_learner.email == "nils@example.no"


def test_the_pages_need_a_sign_in(client):
    for name in ("account_change_password", "account_email", "mfa_index"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Authenticator.objects.exists()
