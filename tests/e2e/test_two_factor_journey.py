"""An editor without a second factor signs in, is sent to set up an
authenticator app, types the code the app would show, is given recovery
codes and goes on to the admin; under the Content-Security-Policy, and each
page passes axe."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from learning.accounts.models import User

from ..factories.accounts import totp_code
from .signin import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EDITOR = "redaktor@kongsberg.kommune.no"


def test_an_editor_sets_up_an_authenticator_app_and_reaches_the_admin(
    demo, page, assert_accessible
):
    editor = User.objects.get(email=EDITOR)
    Authenticator.objects.filter(user=editor).delete()  # the demo gives editors an app

    sign_in(page, demo, EDITOR, path="/admin/")

    # The gate sends them to set up an app before the admin.
    expect(page).to_have_url(re.compile(r"/konto/totrinn/totp/activate/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Slå på totrinnsbekreftelse")
    assert_accessible(page, "set up an authenticator app")
    secret = page.locator("#authenticator_secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret

    # A wrong code is refused and nothing is switched on.
    page.get_by_label("Kode").fill("000000")
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "wrong code")
    assert not Authenticator.objects.filter(user=editor).exists()

    # The code the app would show now.
    page.get_by_label("Kode").fill(totp_code(secret))
    page.get_by_role("button", name="Slå på").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Reservekoder")
    codes = page.locator("#recovery_codes li")
    expect(codes).to_have_count(10)
    assert_accessible(page, "recovery codes")
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()

    page.get_by_role("link", name="Jeg har lagret kodene – gå videre").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_learner_changes_the_password_on_pages_that_pass_axe(
    demo, page, learner, assert_accessible
):
    sign_in(page, demo, learner["email"], learner["password"])
    page.goto(f"{demo}/konto/e-post/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bytt e-postadresse")
    assert_accessible(page, "e-mail address")

    page.goto(f"{demo}/konto/passord/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bytt passord")
    assert_accessible(page, "change password")
    page.get_by_label("Passordet du bruker nå").fill(learner["password"])
    page.get_by_label("Nytt passord", exact=True).fill("Fjord-Molte-Trikk-42")
    page.get_by_label("Gjenta det nye passordet").fill("Fjord-Molte-Trikk-42")
    page.get_by_role("button", name="Lagre nytt passord").click()
    expect(page.get_by_text("Passordet er endret.")).to_be_visible()
    assert User.objects.get(email=learner["email"]).check_password("Fjord-Molte-Trikk-42")
