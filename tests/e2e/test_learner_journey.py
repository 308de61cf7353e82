"""A Kongsberg employee signs in, finds a course, reads, watches and answers."""

import re

import pytest
from playwright.sync_api import expect

from . import signin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base, learner):
    signin.sign_in(page, base, learner["email"], learner["password"])


def test_it_takes_a_learner_from_sign_in_to_quiz_feedback(demo, page, learner, assert_accessible):
    sign_in(page, demo, learner)

    # The catalogue: national courses and Kongsberg's own, filtered by topic.
    expect(page.get_by_role("link", name="SvarUT for saksbehandlere")).to_be_visible()
    expect(page.get_by_text("Velkommen som ny medarbeider i Kongsberg kommune")).to_be_visible()
    assert_accessible(page, "catalogue")
    page.get_by_label("Tema").select_option(label="Informasjonssikkerhet")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("link", name="Informasjonssikkerhet i hverdagen")).to_be_visible()
    expect(page.get_by_role("link", name="SvarUT for saksbehandlere")).to_have_count(0)
    assert_accessible(page, "catalogue filtered by topic")

    page.get_by_role("link", name="Informasjonssikkerhet i hverdagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informasjonssikkerhet i hverdagen")
    assert_accessible(page, "course page")

    page.get_by_role("link", name="Start kurset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nettfisking: tenk før du klikker")
    page.get_by_role("link", name="Ren pult og låst skjerm").first.click()
    expect(page.get_by_role("heading", name="Før du går fra plassen")).to_be_visible()
    assert_accessible(page, "lesson with film")

    # The film (WebM, which Debian's Chromium can decode) plays with captions on:
    # bokmål by default, nynorsk and English in the player's menu.
    video = page.locator("video")
    expect(video.locator("track[kind=captions]")).to_have_count(3)
    expect(video.locator("track[default]")).to_have_attribute("srclang", "nb")
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0];"
        " return t && t.mode === 'showing'; }"
    )
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0")
    page.get_by_text("Vis transkripsjon").click()
    expect(page.get_by_text("Filmen har ingen tale.")).to_be_visible()

    # The quiz: nothing in the page says which answers are right.
    page.get_by_role("link", name="Test deg selv").first.click()
    html = page.content()
    for secret in ["Riktig. Da kan IT", "Lengde slår kompleksitet", "correct", "data-correct"]:
        assert secret not in html
    assert_accessible(page, "quiz")

    first = page.locator("fieldset").nth(0)
    first.get_by_label("Klikker ikke, og melder e-posten som nettfisking").check()
    second = page.locator("fieldset").nth(1)
    second.get_by_label("Det er navnet på barnet ditt og fødselsåret").check()
    page.get_by_role("button", name="Sjekk svarene").click()

    expect(first.get_by_text("Riktig. Da kan IT stoppe den samme e-posten")).to_be_visible()
    expect(second.get_by_text("Nei. Slik informasjon er lett å finne")).to_be_visible()
    expect(second.get_by_text("Lengde slår kompleksitet")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Ikke bestått")).to_be_visible()
    assert_accessible(page, "quiz with feedback")


def test_it_can_be_done_with_the_keyboard_alone(demo, page, learner):
    page.goto(f"{demo}/")
    tab_to(page, "a", text="Logg inn")
    page.keyboard.press("Enter")
    # The login form puts the cursor in the e-mail field.
    expect(page.get_by_label(re.compile("e-post", re.I))).to_be_focused()
    page.keyboard.type(learner["email"])
    page.keyboard.press("Enter")
    # Then the password form, with the cursor in the password field.
    expect(page.get_by_label("Passord", exact=True)).to_be_focused()
    page.keyboard.type(learner["password"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{demo}/")

    # The first Tab lands on the skip link, and it leads to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Hopp til hovedinnhold")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")

    tab_to(page, "a", text="SvarUT for saksbehandlere")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("SvarUT for saksbehandlere")
    tab_to(page, "a", text="Start kurset")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva er SvarUT?")
    tab_to(page, "a", text="Test deg selv")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Test deg selv")

    # Tab into the first question's radio group, pick the first choice with Space.
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    expect(page.get_by_label("KS sin nasjonale løsning for å sende post digitalt")).to_be_checked()
    # Second question (checkboxes): the first two choices are right.
    tab_to(page, "input[type=checkbox]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "button", text="Sjekk svarene")
    page.keyboard.press("Enter")

    first, second = page.locator("fieldset").nth(0), page.locator("fieldset").nth(1)
    expect(first.get_by_text("SvarUT er en del av KS sin Fiks-plattform")).to_be_visible()
    expect(second.get_by_text("Brev til bedrifter går til Altinn")).to_be_visible()
    expect(page.locator("fieldset").nth(2).get_by_text("Ikke besvart.")).to_be_visible()


FOCUS_MATCHES = """([selector, text]) => {
    const el = document.activeElement;
    return el.matches(selector) && (!text || el.textContent.trim().includes(text));
}"""


def tab_to(page, selector, text=None, limit=80):
    """Press Tab until the focused element matches `selector` (and `text`)."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS_MATCHES, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text or ''}")
