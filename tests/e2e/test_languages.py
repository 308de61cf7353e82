"""Languages in a real browser: Voss (nynorsk) speaks nynorsk, Kongsberg
bokmål, English on request, `lang` always true; axe-core passes in all three;
and no page asks a third-party host for anything."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .signin import admin_sign_in, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Visible text that exists in one language only, per language.
SAYS = {
    "nb": {"button": "Bytt språk", "anonymous": "for å se kursene arbeidsgiveren din gir deg"},
    "nn": {"button": "Byt språk", "anonymous": "for å sjå kursa arbeidsgivaren din gjev deg"},
    "en": {"button": "Change language", "anonymous": "to see the courses your employer offers you"},
}
COURSE = "Informasjonssikkerhet i hverdagen"


def site(base, slug):
    return f"http://{slug}.kurs.localhost:{urlsplit(base).port}"


def choose_language(page, code):
    page.locator("#language-select").select_option(code)
    page.locator(".language-form button").click()
    page.wait_for_load_state()


def expect_language(page, code):
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("button", name=SAYS[code]["button"])).to_be_visible()
    for other in SAYS.keys() - {code}:
        expect(page.get_by_role("button", name=SAYS[other]["button"])).to_have_count(0)


def test_it_shows_voss_in_nynorsk_kongsberg_in_bokmal_and_english_on_request(demo, page):
    page.goto(site(demo, "voss"))
    expect_language(page, "nn")
    expect(page.get_by_text(SAYS["nn"]["anonymous"])).to_be_visible()
    expect(page.get_by_role("link", name="Registrer deg")).to_be_visible()

    page.goto(site(demo, "kongsberg"))
    expect_language(page, "nb")
    expect(page.get_by_text(SAYS["nb"]["anonymous"])).to_be_visible()

    choose_language(page, "en")
    expect_language(page, "en")
    expect(page.get_by_text(SAYS["en"]["anonymous"])).to_be_visible()
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()


def test_a_voss_employee_reads_nynorsk_with_the_course_in_its_own_language(demo, page):
    sign_in(page, demo, "ansatt@voss.kommune.no")
    page.goto(f"{demo}/")
    expect_language(page, "nn")
    expect(page.get_by_text("Kurs for tilsette i Voss")).to_be_visible()
    page.get_by_role("link", name=COURSE).click()
    expect_language(page, "nn")
    expect(page.get_by_role("heading", name="Innhald i kurset")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nb")


@pytest.mark.parametrize("code", ["nb", "nn", "en"])
def test_it_passes_axe_in_every_language(demo, page, assert_accessible, code):
    sign_in(page, demo, "ansatt@kongsberg.kommune.no")
    page.goto(f"{demo}/")
    choose_language(page, code)
    expect_language(page, code)
    assert_accessible(page, f"catalogue ({code})")

    page.get_by_role("link", name=COURSE).click()
    expect_language(page, code)
    assert_accessible(page, f"course ({code})")

    page.locator(".lesson-list a", has_text="Ren pult og låst skjerm").click()
    expect_language(page, code)
    # The captions track in the interface's language is the one switched on.
    expect(page.locator("track[default]")).to_have_attribute("srclang", code)
    assert_accessible(page, f"lesson with film ({code})")


def test_no_page_asks_a_third_party_host_for_anything(demo, page):
    local = {"localhost", "127.0.0.1"}
    asked, missing = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))

    sign_in(page, demo, "ansatt@kongsberg.kommune.no")
    page.goto(f"{demo}/")
    page.get_by_role("link", name=COURSE).click()
    page.locator(".lesson-list a", has_text="Ren pult og låst skjerm").click()
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0")
    page.goto(site(demo, "voss"))
    page.context.clear_cookies()

    # The admin, as KS's superuser: dashboard, page tree, a course's editor.
    admin_sign_in(page, demo, "admin@ks.no")
    page.wait_for_load_state("networkidle")
    page.goto(f"{demo}/admin/pages/")
    page.wait_for_load_state("networkidle")
    page.goto(f"{demo}/admin/pages/search/?q=sikkerhet")
    page.get_by_role("link", name=COURSE).first.click()
    page.wait_for_load_state("networkidle")

    hosts = {urlsplit(url).hostname for url in asked if url.startswith("http")}
    strangers = {h for h in hosts if h not in local and not h.endswith(".localhost")}
    assert strangers == set()
    assert not [url for url in asked if "gravatar" in url]
    assert missing == []
