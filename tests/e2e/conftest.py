"""Browser journeys: one headless Chromium per session, demo data per test.

pytest-django's `live_server` needs a transactional database, which is
emptied after each test, so each test loads the demo (only the demo
organisations get sites, which keeps that to a couple of seconds).
"""

import os
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from django.core.cache import cache
from django.core.management import call_command

from learning.management.commands.load_initial_data import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"  # Debian's; never `playwright install`
# How long an action or an expectation may wait. Generous, because two test
# processes, their live servers and two browsers share two cores: a page that
# never comes still fails, a slow one doesn't.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio loop in this thread, and Django
    # refuses ORM calls from a thread with a loop. The loop is Playwright's,
    # not Django's, so the calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


# Every journey runs under the Content-Security-Policy the server sends:
# whatever it blocks (a `securitypolicyviolation` event, or Chromium's console
# error about it) fails the test that caused it.
CSP_LISTENER = """document.addEventListener('securitypolicyviolation', e => {
  if (e.disposition === 'enforce') window.reportCspViolation(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`);
});"""


def watch_csp(context):
    violations = []
    context.expose_function("reportCspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text and "[Report Only]" not in message.text:
            violations.append(message.text)

    context.on("console", on_console)
    return violations


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    violations = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def demo(live_server, settings, tmp_path, wagtail_roots):
    """The demo platform behind the live server; returns its base URL."""
    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()  # site root paths and pages cached by an earlier test
    call_command(
        "load_initial_data",
        organisations="kongsberg",
        no_index=True,
        verbosity=0,
        stdout=StringIO(),
    )
    return live_server.url


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page, what):
        results = axe.run(page)
        assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"

    return check


@pytest.fixture
def learner():
    return {"email": "ansatt@kongsberg.kommune.no", "password": DEMO_PASSWORD}
