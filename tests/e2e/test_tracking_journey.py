"""A Kongsberg employee completes "Informasjonssikkerhet i hverdagen" in the
browser: reads every lesson, watches both films, passes the quiz. Nobody calls
a task: the tracker sends statements, the endpoint stores them and Celery (a
real worker in CI, eager otherwise) folds them. Then Min læring says the
course is complete, the certificate downloads, and a stranger checks its code.
"""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.demo import content
from learning.tracking.models import LearningEvent

from .test_learner_journey import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COURSE = next(c for c in content.COURSES if c["title"] == "Informasjonssikkerhet i hverdagen")
QUIZ = next(v for lesson in COURSE["lessons"] for kind, v in lesson["body"] if kind == "quiz")
SENT = """() => Object.keys(localStorage)
    .filter(k => k.startsWith('tracking:queue:'))
    .every(k => JSON.parse(localStorage.getItem(k)).length === 0)"""


def read_to_the_end(page):
    """Scroll to the end of the lesson, stay as long as a quick reader would
    (a third of the reading time: 8-16 s here) and see the statement sent."""
    page.locator("[data-tracking-end]").scroll_into_view_if_needed()
    page.wait_for_selector("[data-tracking-end][data-tracking-recorded]", timeout=60_000)
    page.wait_for_function(SENT)


def watch_the_film(page):
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_selector("video[data-tracking-recorded]", state="attached", timeout=30_000)
    page.wait_for_function("() => document.querySelector('video').ended", timeout=30_000)
    page.wait_for_function(SENT)


def pass_the_quiz(page):
    for number, question in enumerate(QUIZ["questions"]):
        fieldset = page.locator("fieldset").nth(number)
        for choice in question["choices"]:
            if choice["correct"]:
                fieldset.get_by_label(choice["text"], exact=True).check()
    page.get_by_role("button", name="Sjekk svarene").click()
    expect(page.get_by_role("status").filter(has_text="Bestått!")).to_be_visible()


def eventually(page, url, check, seconds=20):
    """Reload `url` until `check(page)` holds: the fold runs after the request."""
    deadline = time.monotonic() + seconds
    while True:
        page.goto(url)
        if check(page):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed what was expected")
        page.wait_for_timeout(500)


def test_a_learner_completes_a_course_and_a_stranger_verifies_the_certificate(
    demo, page, browser, learner, assert_accessible
):
    sign_in(page, demo, learner)
    page.get_by_role("link", name="Informasjonssikkerhet i hverdagen").click()
    page.get_by_role("link", name="Start kurset").click()

    for number, lesson in enumerate(COURSE["lessons"], start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson["title"])
        expect(page.get_by_text(f"Leksjon {number} av {len(COURSE['lessons'])}")).to_be_visible()
        if any(kind == "video" for kind, _ in lesson["body"]):
            watch_the_film(page)
        if any(kind == "quiz" for kind, _ in lesson["body"]):
            pass_the_quiz(page)
        read_to_the_end(page)
        if number == 2:
            assert_accessible(page, "lesson with progress beside it")
        if number < len(COURSE["lessons"]):
            page.get_by_role("link", name=re.compile("^Neste:")).click()

    # Min læring shows the course complete, with its certificate.
    def complete(page):
        return page.get_by_role("heading", name="Fullført").count() == 1

    eventually(page, f"{demo}/laering/", complete)
    item = page.locator("#completed-heading + ul li").first
    expect(item).to_contain_text("Informasjonssikkerhet i hverdagen")
    expect(item).to_contain_text(re.compile(r"Fullført \d+\. \w+ \d{4}"))
    assert_accessible(page, "Min læring")

    with page.expect_download() as download:
        item.get_by_role("link", name=re.compile("Last ned kursbevis")).click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Per Hansen" in text
    assert "Informasjonssikkerhet i hverdagen" in text
    assert "Kongsberg" in text
    code = re.search(r"Kontrollkode\s*(\S+)", text)[1]

    # The course page agrees.
    page.goto(f"{demo}/laering/")
    page.get_by_role("link", name="Informasjonssikkerhet i hverdagen").first.click()
    expect(page.get_by_text(re.compile(r"^Fullført \d+\. \w+ \d{4}$"))).to_be_visible()
    expect(page.locator(".lesson-list .lesson-state")).to_have_count(len(COURSE["lessons"]))
    assert_accessible(page, "course page, completed")

    # A stranger (no session) checks the code from the certificate.
    stranger = browser.new_context(locale="nb-NO")
    try:
        other = stranger.new_page()
        other.goto(f"{demo}/laering/kursbevis/")
        other.get_by_label("Kontrollkode").fill(code)
        other.get_by_role("button", name="Kontroller").click()
        expect(other.get_by_text("Kursbeviset er ekte.")).to_be_visible()
        expect(other.locator(".verify-result")).to_contain_text("Per Hansen")
        expect(other.locator(".verify-result")).to_contain_text("Kongsberg")
        expect(other.locator(".verify-result")).not_to_contain_text("ansatt@kongsberg.kommune.no")
        assert_accessible(other, "certificate check")
        other.goto(f"{demo}/laering/kursbevis/finnes-ikke/")
        expect(other.get_by_text("Vi fant ikke noe kursbevis med denne koden.")).to_be_visible()
    finally:
        stranger.close()


def test_what_was_watched_offline_is_sent_when_the_lesson_is_opened_again(demo, page, learner):
    sign_in(page, demo, learner)
    lesson = f"{demo}/informasjonssikkerhet-i-hverdagen/ren-pult-og-last-skjerm/"
    page.goto(lesson)
    page.context.set_offline(True)
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 2")
    page.locator("video").evaluate("v => v.pause()")
    queued = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('tracking:queue:'))"
        ".reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).length, 0)"
    )
    assert queued >= 1
    page.close()  # the tab is closed while offline: the beacon cannot get through
    assert not LearningEvent.objects.unscoped().filter(verb="paused").exists()

    page.context.set_offline(False)
    again = page.context.new_page()
    again.goto(lesson)
    again.wait_for_function(SENT)

    paused = LearningEvent.objects.unscoped().get(verb="paused")
    start, end = paused.result["segments"][0]
    assert start < 0.25 and end >= 2  # what was really played, from the start


def serve_with_ranges(route, request, root):
    """The test server sends media whole, without Range support, so Chromium
    cannot seek; a real server (nginx, WhiteNoise) answers ranges like this."""
    path = root / request.url.split("/media/", 1)[1]
    data = path.read_bytes()
    first, _, last = (
        (request.headers.get("range") or "bytes=0-").removeprefix("bytes=").partition("-")
    )
    first, last = int(first), int(last) if last else len(data) - 1
    route.fulfill(
        status=206,
        headers={
            "Content-Type": "video/webm" if path.suffix == ".webm" else "video/mp4",
            "Accept-Ranges": "bytes",
            "Content-Range": f"bytes {first}-{last}/{len(data)}",
        },
        body=data[first : last + 1],
    )


def test_seeking_to_the_end_is_not_watching(demo, page, learner, settings):
    root = Path(settings.MEDIA_ROOT)
    page.route(re.compile(r".*/media/.*\.(webm|mp4)$"), lambda r, q: serve_with_ranges(r, q, root))
    sign_in(page, demo, learner)
    page.goto(f"{demo}/informasjonssikkerhet-i-hverdagen/ren-pult-og-last-skjerm/")
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 1")
    video.evaluate("v => { v.currentTime = v.duration - 0.3; }")
    page.wait_for_function("() => document.querySelector('video').ended", timeout=30_000)
    page.wait_for_function(SENT)

    assert video.get_attribute("data-tracking-recorded") is None  # not counted as watched
    last = LearningEvent.objects.unscoped().filter(verb="paused").order_by("timestamp").last()
    watched = sum(end - start for start, end in last.result["segments"])
    assert 1 <= watched < 2.5  # the second played, and the last 0.3 s; not the skipped part
