"""Learners stay on their own site: a Kongsberg employee takes KS's national
course under Kongsberg's address, signed in, and comes back to Kongsberg's
catalogue; a Voss employee does the same in nynorsk."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from learning.management.commands.load_initial_data import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COURSE = "Informasjonssikkerhet i hverdagen"


def site(base, slug):
    return f"http://{slug}.kurs.localhost:{urlsplit(base).port}"


def sign_in(page, home, email):
    # The address first, then the password (in the site's own language).
    page.goto(f"{home}/konto/logg-inn/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=login]").press("Enter")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state()


def expect_on(page, home, path_prefix="/"):
    url = urlsplit(page.url)
    assert f"{url.scheme}://{url.netloc}" == home, page.url
    assert url.path.startswith(path_prefix), page.url


@pytest.mark.parametrize(
    "slug, says",
    [
        ("kongsberg", {"lang": "nb", "lessons": "Innhold i kurset", "resume": "Fortsett"}),
        ("voss", {"lang": "nn", "lessons": "Innhald i kurset", "resume": "Hald fram"}),
    ],
)
def test_an_employee_takes_a_national_course_on_their_own_site(
    demo, page, assert_accessible, slug, says
):
    home = site(demo, slug)
    sign_in(page, home, f"ansatt@{slug}.kommune.no")
    page.goto(f"{home}/")
    page.get_by_role("link", name=COURSE).click()

    # Kongsberg's (Voss's) address and branding, still signed in.
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    expect_on(page, home, "/delt/")
    expect(page.locator("html")).to_have_attribute("lang", says["lang"])
    expect(page.get_by_role("heading", name=says["lessons"])).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nb")
    expect(page.get_by_role("button", name=re.compile("Logg ut"))).to_be_visible()
    expect(page.locator(".site-header__brand")).to_contain_text(slug.capitalize())
    # The owner's address at the port its site is configured with.
    canonical = urlsplit(page.locator("link[rel=canonical]").get_attribute("href"))
    assert canonical.hostname == "ks.kurs.localhost", canonical
    assert canonical.path == "/informasjonssikkerhet-i-hverdagen/", canonical
    assert_accessible(page, f"shared course on {slug}'s site")

    # A lesson: still here, and it counts as theirs (Min læring lists it).
    page.locator(".lesson-list a").first.click()
    expect_on(page, home, "/delt/")
    page.goto(f"{home}/laering/")
    link = page.get_by_role("link", name=COURSE).first
    expect(link).to_be_visible()
    link.click()
    expect_on(page, home, "/delt/")
    expect(page.get_by_role("link", name=says["resume"])).to_be_visible()

    # "Alle kurs" leads back to their own catalogue.
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role(
        "link", name="Alle kurs"
    ).click()
    expect_on(page, home)
    assert urlsplit(page.url).path == "/"
    expect(page.get_by_role("link", name=COURSE)).to_be_visible()
