"""The Content-Security-Policy is enforced on the learner's pages and nothing
of ours breaks it: a Kongsberg employee signs in, opens a course, a lesson
with a film, a quiz, Min læring, Mine data and the privacy page; the `page`
fixture (conftest.py) fails the test on any violation. The whole tracking
journey (test_tracking_journey.py) runs under the same watch."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import watch_csp
from .test_learner_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_learner_journey_runs_under_the_policy_without_a_violation(demo, page, learner):
    response = page.goto(f"{demo}/konto/logg-inn/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    sign_in(page, demo, learner)
    page.get_by_role("link", name="Informasjonssikkerhet i hverdagen").click()
    page.get_by_role("link", name="Start kurset").click()
    page.get_by_role("link", name="Ren pult og låst skjerm").first.click()
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0")
    page.get_by_role("link", name="Test deg selv").first.click()
    page.get_by_role("button", name="Sjekk svarene").click()
    expect(
        page.get_by_role("status").filter(has_text=re.compile("Ikke bestått|Bestått"))
    ).to_be_visible()
    page.get_by_role("link", name="Min læring").click()
    page.get_by_role("link", name="Mine data").click()
    expect(page.get_by_role("heading", name="Mine data")).to_be_visible()
    page.get_by_role("link", name="Personvern", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personvernerklæring")
    # The brand colour arrives as a stylesheet, not an inline <style>.
    colour = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand')")
    assert colour.strip().startswith("#")


def test_the_watch_catches_an_inline_script(demo, browser):
    """The listener the journeys rely on does see a violation."""
    context = browser.new_context()
    violations = watch_csp(context)
    try:
        page = context.new_page()
        page.goto(f"{demo}/konto/logg-inn/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = 1'; document.body.append(s); }"
        )
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.ran") is None
        assert any("script-src" in v for v in violations)
    finally:
        context.close()
