"""Signing in as a person does: the address, then the password, then (staff)
the code from their authenticator app, here computed from the demo secret."""

import re

from playwright.sync_api import expect

from learning.management.commands.load_initial_data import DEMO_PASSWORD, DEMO_TOTP_SECRET

from ..factories.accounts import totp_code


def sign_in(page, base, email, password=DEMO_PASSWORD, path="/konto/logg-inn/"):
    page.goto(f"{base}{path}")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_role("button", name="Fortsett").click()
    page.get_by_label("Passord", exact=True).fill(password)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_load_state()
    if "/konto/totrinn/authenticate/" in page.url:
        page.get_by_label(re.compile("Kode", re.I)).fill(totp_code(DEMO_TOTP_SECRET))
        page.get_by_role("button", name="Logg inn", exact=True).click()
        page.wait_for_load_state()


def admin_sign_in(page, base, email):
    """Through our login page (the admin's sends there), with the second factor."""
    sign_in(page, base, email, path="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
