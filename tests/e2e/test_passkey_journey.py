"""Passkeys in Chromium, through its virtual authenticator (a platform
authenticator that verifies the user, as a phone's fingerprint would): a
learner on Kongsberg's own site adds one and signs in with it alone; an
editor with one reaches the admin without a code from the app. Under the
Content-Security-Policy, and each passkey page passes axe."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from learning.accounts.models import User
from learning.management.commands.load_initial_data import DEMO_PASSWORD

from .signin import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EDITOR = "redaktor@kongsberg.kommune.no"


def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


def add_passkey(page, base, name, assert_accessible=None):
    page.goto(f"{base}/konto/")
    page.get_by_role("link", name="Passnøkler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passnøkler")
    if assert_accessible:
        assert_accessible(page, "passkeys, none yet")
    page.get_by_role("link", name="Legg til passnøkkel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Legg til passnøkkel")
    if assert_accessible:
        assert_accessible(page, "add a passkey")
    page.get_by_label("Navn på passnøkkelen").fill(name)
    page.get_by_role("button", name="Lag passnøkkel").click()
    # The first second factor comes with recovery codes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Reservekoder")


def sign_out(page):
    page.get_by_role("button", name="Logg ut").click()
    nav = page.get_by_role("navigation", name="Hovedmeny")
    expect(nav.get_by_role("link", name="Logg inn", exact=True)).to_be_visible()


def test_a_learner_adds_a_passkey_and_signs_in_with_it_alone(
    demo, page, learner, assert_accessible
):
    # On Kongsberg's own address: the passkey belongs to the host they are on.
    home = f"http://kongsberg.kurs.localhost:{urlsplit(demo).port}"
    cdp, authenticator_id = virtual_authenticator(page)
    sign_in(page, home, learner["email"], learner["password"])
    add_passkey(page, home, "Jobb-PC", assert_accessible)

    page.goto(f"{home}/konto/passnokler/")
    expect(page.get_by_role("cell", name="Jobb-PC", exact=True)).to_be_visible()
    assert_accessible(page, "passkey list")
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    [credential] = credentials["credentials"]
    assert credential["rpId"] == "kongsberg.kurs.localhost"
    assert credential["isResidentCredential"]

    page.get_by_role("link", name=re.compile("^Gi nytt navn")).click()
    assert_accessible(page, "rename a passkey")
    page.get_by_label("Navn på passnøkkelen").fill("Jobb-PC på kontoret")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("cell", name="Jobb-PC på kontoret", exact=True)).to_be_visible()
    page.get_by_role("link", name=re.compile("^Fjern")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjern passnøkkel")
    assert_accessible(page, "remove a passkey")
    page.get_by_role("link", name="Avbryt").click()
    page.get_by_role("link", name="Totrinnsbekreftelse").click()
    expect(page.get_by_text("1 passnøkkel.")).to_be_visible()
    assert_accessible(page, "two-factor overview with a passkey")

    sign_out(page)
    page.goto(f"{home}/konto/logg-inn/?next=/konto/")
    assert_accessible(page, "login page with passkey")
    page.get_by_role("button", name="Logg inn med passnøkkel").click()
    expect(page).to_have_url(f"{home}/konto/")
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    passkey = Authenticator.objects.get(user__email=learner["email"], type="webauthn")
    assert passkey.last_used_at is not None


def test_a_cancelled_passkey_sign_in_says_so(demo, page, assert_accessible):
    virtual_authenticator(page)  # with no passkey for this site: the browser gives up
    page.goto(f"{demo}/konto/logg-inn/")
    page.get_by_role("button", name="Logg inn med passnøkkel").click()
    expect(page.get_by_role("alert")).to_contain_text("Passnøkkelen ble ikke brukt")
    expect(page).to_have_url(f"{demo}/konto/logg-inn/")
    assert_accessible(page, "cancelled passkey sign-in")


def test_an_editor_with_a_passkey_reaches_the_admin_without_a_code(demo, page):
    virtual_authenticator(page)
    sign_in(page, demo, EDITOR)  # password and the app's code, as today
    add_passkey(page, demo, "Jobbmobilen")
    editor = User.objects.get(email=EDITOR)
    assert Authenticator.objects.filter(user=editor, type="webauthn").count() == 1

    sign_out(page)
    page.goto(f"{demo}/admin/")
    expect(page).to_have_url(re.compile(r"/konto/logg-inn/\?next="))
    page.get_by_role("button", name="Logg inn med passnøkkel").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_an_editor_uses_the_passkey_as_the_second_step_after_the_password(
    demo, page, assert_accessible
):
    virtual_authenticator(page)
    sign_in(page, demo, EDITOR)
    add_passkey(page, demo, "Jobbmobilen")
    sign_out(page)

    page.goto(f"{demo}/admin/")
    page.get_by_label("E-postadresse").fill(EDITOR)
    page.get_by_role("button", name="Fortsett").click()
    page.get_by_label("Passord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Totrinnsbekreftelse")
    assert_accessible(page, "second step with an app and a passkey")
    page.get_by_role("button", name="Bruk passnøkkel i stedet").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
