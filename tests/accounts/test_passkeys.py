"""Passkeys (WebAuthn through allauth.mfa): added, named, renamed and removed
under Min side, used to sign in without a password, and counted as the
second factor staff need. The browser's part is played by SoftPasskey, so
fido2 checks real challenges, origins and signatures."""

import json
import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator

from django.test import Client
from django.urls import reverse

from ..factories.accounts import (
    UserFactory,
    give_second_factor,
    mark_signed_in_with_second_factor,
    totp_code,
)
from ..factories.passkeys import SoftPasskey, give_passkey, js_data
from ..reports.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.without_second_factor]

PASSWORD = "passord-for-test"


@pytest.fixture
def client():
    # fido2 accepts http origins only on localhost (as browsers do).
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def world():
    class World:
        pass

    ns = World()
    build_world(ns)
    return ns


@pytest.fixture
def learner():
    return UserFactory(email="lise@example.no")


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def passkey_sign_in(client, passkey, next_url=None, user_verified=True):
    options = client.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json").json()
    credential = passkey.get(options["request_options"], user_verified=user_verified)
    data = {"credential": json.dumps(credential)}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("mfa_login_webauthn"), data)


def add_passkey(client, passkey, name, next_url=""):
    page = client.get(reverse("mfa_add_webauthn") + (f"?next={next_url}" if next_url else ""))
    credential = passkey.create(js_data(page.content.decode())["creation_options"])
    data = {"name": name, "credential": json.dumps(credential), "next": next_url}
    return client.post(reverse("mfa_add_webauthn"), data)


def methods(client):
    return [
        (record["method"], record.get("type"))
        for record in client.session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]


def test_it_adds_lists_renames_and_removes_a_passkey(client, learner):
    sign_in(client, learner)
    index = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_list_webauthn") in index
    assert "Ingen passnøkler." in index

    page = client.get(reverse("mfa_add_webauthn"))
    html = page.content.decode()
    assert "<h1>Legg til passnøkkel</h1>" in html
    assert 'value="Passnøkkel 1"' in html
    options = js_data(html)["creation_options"]["publicKey"]
    # A passkey: kept by the device and unlocked with fingerprint, face or PIN.
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["rp"] == {"id": "localhost", "name": "Kompetanseplattform"}

    passkey = SoftPasskey()
    response = add_passkey(client, passkey, "Jobbmobilen")
    # The first one comes with recovery codes, as an app does.
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    authenticator = Authenticator.objects.get(user=learner, type="webauthn")
    assert authenticator.wrap().name == "Jobbmobilen"
    assert authenticator.wrap().is_passwordless

    listing = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert "<h1>Passnøkler</h1>" in listing
    assert "Jobbmobilen" in listing
    assert "Passnøkkelen er lagt til." in listing
    edit_url = reverse("mfa_edit_webauthn", args=[authenticator.pk])
    assert edit_url in listing

    response = client.post(edit_url, {"name": "Privat mobil"})
    assert response["Location"] == reverse("mfa_list_webauthn")
    authenticator.refresh_from_db()
    assert authenticator.wrap().name == "Privat mobil"

    remove_url = reverse("mfa_remove_webauthn", args=[authenticator.pk])
    assert "«Privat mobil»" in client.get(remove_url).content.decode()
    response = client.post(remove_url)
    assert response["Location"] == reverse("mfa_list_webauthn")
    assert not Authenticator.objects.filter(user=learner).exists()  # codes went too
    assert "Passnøkkelen er fjernet." in client.get(response["Location"]).content.decode()


def test_a_credential_for_another_challenge_is_refused(client, learner):
    sign_in(client, learner)
    passkey = SoftPasskey()
    page = client.get(reverse("mfa_add_webauthn"))
    options = js_data(page.content.decode())["creation_options"]
    client.get(reverse("mfa_add_webauthn"))  # a new challenge in the session
    data = {"name": "Mobilen", "credential": json.dumps(passkey.create(options))}
    response = client.post(reverse("mfa_add_webauthn"), data)
    assert response.status_code == 200
    assert "Passnøkkelen ble ikke godtatt" in response.content.decode()
    assert not Authenticator.objects.filter(user=learner).exists()


def test_another_persons_passkey_is_not_found(client, learner):
    stranger = UserFactory(email="charlie@example.no")
    theirs = give_passkey(stranger, name="Charlies mobil").authenticator
    sign_in(client, learner)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, args=[theirs.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Min nå"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.wrap().name == "Charlies mobil"
    assert "Charlies mobil" not in client.get(reverse("mfa_list_webauthn")).content.decode()


def test_the_login_page_offers_a_passkey_with_external_scripts_only(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "Logg inn med passnøkkel" in html
    assert f'action="{reverse("mfa_login_webauthn")}"' in html
    assert '<script src="/static/mfa/js/webauthn.js"></script>' in html
    for script in html.split("<script")[1:]:
        assert ' src="' in script.split(">")[0] or 'type="application/json"' in script


def test_a_learner_signs_in_with_a_passkey_and_no_password(client, learner):
    passkey = give_passkey(learner)
    response = passkey_sign_in(client, passkey, next_url="/konto/")
    assert response["Location"] == "/konto/"
    assert client.session["_auth_user_id"] == str(learner.pk)
    assert methods(client) == [("mfa", "webauthn")]
    assert client.session[AUTHENTICATION_METHODS_SESSION_KEY][0]["passwordless"] is True
    passkey.authenticator.refresh_from_db()
    assert passkey.authenticator.last_used_at is not None


def test_a_passkey_without_user_verification_signs_nobody_in(client, learner):
    passkey = give_passkey(learner)
    response = passkey_sign_in(client, passkey, user_verified=False)
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Passnøkkelen ble ikke godtatt" in page


def test_a_forged_signature_signs_nobody_in(client, learner):
    passkey = give_passkey(learner)
    impostor = SoftPasskey()  # another private key for the same credential
    impostor.credential_id, impostor.user_handle = passkey.credential_id, passkey.user_handle
    passkey_sign_in(client, impostor)
    assert "_auth_user_id" not in client.session


def test_staff_who_sign_in_with_a_passkey_reach_the_admin_without_a_code(client, world):
    passkey = give_passkey(world.bob)  # an editor, with no app
    response = passkey_sign_in(client, passkey, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_and_a_passkey_make_two_factors(client, world):
    passkey = give_passkey(world.alice)
    response = sign_in(client, world.alice)
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(response["Location"]).content.decode()
    assert "Bruk passnøkkel" in page
    assert 'name="code"' not in page  # no app, no recovery codes
    credential = passkey.get(js_data(page)["request_options"])
    client.post(reverse("mfa_authenticate"), {"credential": json.dumps(credential)})
    assert client.session["_auth_user_id"] == str(world.alice.pk)
    assert methods(client) == [("password", None), ("mfa", "webauthn")]
    assert client.get("/admin/").status_code == 200


def test_staff_with_only_a_passkey_are_asked_for_it_at_the_gate(client, world):
    passkey = give_passkey(world.alice)
    client.force_login(world.alice)  # a provider that did not vouch for a second factor
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_reauthenticate_webauthn") + "?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert "<h1>Bekreft med passnøkkel</h1>" in page
    credential = passkey.get(js_data(page)["request_options"])
    response = client.post(
        reverse("mfa_reauthenticate_webauthn"),
        {"credential": json.dumps(credential), "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_may_set_up_a_passkey_instead_of_an_app(client, world):
    sign_in(client, world.bob)
    setup = client.get("/admin/")["Location"]
    assert setup.startswith(reverse("mfa_activate_totp"))
    page = client.get(setup).content.decode()
    add_url = reverse("mfa_add_webauthn") + "?next=/admin/"
    assert f'href="{add_url}"' in page

    response = add_passkey(client, SoftPasskey(), "Jobbmobilen", next_url="/admin/")
    codes = client.get(response["Location"]).content.decode()
    assert "<h1>Reservekoder</h1>" in codes
    assert 'href="/admin/"' in codes
    assert client.get("/admin/").status_code == 200


def test_staff_keep_a_second_factor(client, world):
    only = give_passkey(world.alice).authenticator
    client.force_login(world.alice)
    mark_signed_in_with_second_factor(client)
    response = client.post(reverse("mfa_remove_webauthn", args=[only.pk]), follow=True)
    assert "Du kan ikke fjerne den eneste passnøkkelen din" in response.content.decode()
    assert Authenticator.objects.filter(pk=only.pk).exists()

    give_second_factor(world.alice)  # an app besides
    client.post(reverse("mfa_remove_webauthn", args=[only.pk]))
    assert not Authenticator.objects.filter(pk=only.pk).exists()


def test_one_passkey_for_every_site_under_a_shared_sign_in(settings, learner):
    settings.SESSION_COOKIE_DOMAIN = ".kurs.localhost"
    kongsberg = Client(HTTP_HOST="kongsberg.kurs.localhost")
    kongsberg.force_login(learner)
    mark_signed_in_with_second_factor(kongsberg)  # just now: no password asked again
    page = kongsberg.get(reverse("mfa_add_webauthn"))
    options = js_data(page.content.decode())["creation_options"]
    assert options["publicKey"]["rp"]["id"] == "kurs.localhost"

    passkey = give_passkey(learner, rp_id="kurs.localhost", origin="http://sortland.kurs.localhost")
    sortland = Client(HTTP_HOST="sortland.kurs.localhost")
    passkey_sign_in(sortland, passkey)
    assert sortland.session["_auth_user_id"] == str(learner.pk)


def test_without_a_shared_sign_in_the_passkey_belongs_to_the_host(client, learner):
    other = Client(HTTP_HOST="kongsberg.kurs.localhost")
    passkey = give_passkey(
        learner, rp_id="kurs.localhost", origin="http://kongsberg.kurs.localhost"
    )
    passkey_sign_in(other, passkey)
    assert "_auth_user_id" not in other.session


def test_someone_with_a_second_factor_proves_it_before_adding_a_passkey(client, world):
    """Else a sign-in with one factor (a provider that vouched for none)
    could add a passkey and pass for two at the gate."""
    secret, _ = give_second_factor(world.alice)
    client.force_login(world.alice)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "socialaccount", "at": time.time()}]
    session.save()
    response = client.get(reverse("mfa_add_webauthn"))
    next_url = reverse("mfa_add_webauthn").replace("/", "%2F")
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=" + next_url
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Min", "credential": "{}"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=world.alice, type="webauthn").exists()

    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret)})
    assert (
        "<h1>Legg til passnøkkel</h1>" in client.get(reverse("mfa_add_webauthn")).content.decode()
    )


def test_a_refused_passkey_at_the_gate_leads_back_to_it(client, world):
    give_passkey(world.alice)
    client.force_login(world.alice)
    client.get(reverse("mfa_reauthenticate_webauthn") + "?next=/admin/")
    response = client.post(
        reverse("mfa_reauthenticate_webauthn"),
        {"credential": json.dumps({"id": "x"}), "next": "/admin/"},
    )
    assert response["Location"] == reverse("mfa_reauthenticate_webauthn") + "?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Passnøkkelen ble ikke godtatt" in page
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "credential", ['{"id": "x"}', '{"response": 1}', "[]", '"text"', "not json"]
)
def test_a_malformed_credential_is_refused_not_a_server_error(client, learner, credential):
    client.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json")
    response = client.post(reverse("mfa_login_webauthn"), {"credential": credential})
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert "Passnøkkelen ble ikke godtatt" in client.get(response["Location"]).content.decode()

    sign_in(client, learner)
    client.get(reverse("mfa_add_webauthn"))
    response = client.post(reverse("mfa_add_webauthn"), {"name": "x", "credential": credential})
    assert response.status_code == 200
    assert "Passnøkkelen ble ikke godtatt" in response.content.decode()
