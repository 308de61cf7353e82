"""What a learner sees of their progress on course and lesson pages, and what
anonymous readers and other people do not."""

import json
import re
from urllib.parse import urlsplit

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage
from learning.tracking.models import Enrollment

from .core_world import build_world, read, send
from .learner_helpers import folded

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings):
    settings.COURSES_PAGE_CACHE_SECONDS = 300
    cache.clear()
    return build_world()


def visit(client, page, **kwargs):
    url = urlsplit(page.get_full_url())
    return client.get(url.path, headers={"host": url.netloc}, **kwargs)


def path(page):
    return urlsplit(page.get_full_url()).path


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def open_to_everyone(course):
    CoursePage.objects.filter(pk=course.pk).update(sharing=CoursePage.Sharing.EVERYONE)
    cache.clear()


def test_it_shows_lessons_done_and_where_to_continue(world):
    alice = signed_in(world.alice)
    first, second, _ = world.lessons
    with folded(world):
        send(alice, [read(world.alice, first)])
    visit(alice, second)  # opened, not finished: "Fortsett" goes here

    html = visit(alice, world.course).content.decode()

    assert "1 av 3 leksjoner fullført" in html
    assert re.search(rf'<a class="button button--large" href="{path(second)}">Fortsett</a>', html)
    ticked = re.findall(r'<li class="lesson-list__done"><a href="([^"]+)"', html)
    assert ticked == [path(first)]
    assert "Start kurset" not in html


def test_the_lesson_list_beside_a_lesson_is_ticked_off_too(world):
    alice = signed_in(world.alice)
    with folded(world):
        send(alice, [read(world.alice, world.lessons[0])])

    html = visit(alice, world.lessons[1]).content.decode()

    assert "1 av 3 leksjoner fullført" in html
    assert html.count("lesson-list__done") == 1


def test_opening_a_lesson_enrolls_and_starts_the_tracker(world):
    alice = signed_in(world.alice)
    lesson = world.lessons[1]

    html = visit(alice, lesson).content.decode()

    assert Enrollment.objects.for_organisation(world.sortland).filter(user=world.alice).exists()
    assert 'src="/static/tracking/tracker.js"' in html
    config = json.loads(
        re.search(r'<script id="tracking-config" type="application/json">(.*?)</script>', html)[1]
    )
    assert config["endpoint"] == "/laering/hendelser/"
    assert config["actor"] == str(world.alice.pk)
    assert config["lesson"] == lesson.pk
    assert config["csrf"]
    # The film and the end of the text are what the tracker watches.
    assert 'data-activity-id="film-1"' in html
    assert f'data-tracking-end data-activity-id="lesson-{lesson.pk}"' in html


def test_a_watched_film_is_not_reported_again(world):
    alice = signed_in(world.alice)
    lesson = world.lessons[1]
    with folded(world):
        visit(alice, lesson)
        send(alice, [read(world.alice, lesson)])

    html = visit(alice, lesson).content.decode()
    config = json.loads(
        re.search(r'<script id="tracking-config" type="application/json">(.*?)</script>', html)[1]
    )
    assert config["done"] == [f"lesson-{lesson.pk}"]


def test_progress_costs_at_most_one_query_on_the_course_page(world):
    alice = signed_in(world.alice)
    visit(alice, world.course)  # warm the session and site caches
    with CaptureQueriesContext(connection) as before:
        visit(alice, world.course)
    visit(alice, world.lessons[0])  # enrolls
    with CaptureQueriesContext(connection) as after:
        response = visit(alice, world.course)
    assert "0 av 3 leksjoner fullført" in response.content.decode()
    assert len(after) - len(before) <= 1


def test_anonymous_readers_get_no_tracker_and_are_told_signing_in_keeps_progress(world):
    open_to_everyone(world.course)
    lesson = world.lessons[0]

    course_html = visit(Client(), world.course).content.decode()
    lesson_html = visit(Client(), lesson).content.decode()

    assert "Logg inn</a> hvis du vil at fremdriften din skal lagres" in course_html
    assert f'href="/konto/logg-inn/?next={path(lesson).replace("/", "%2F")}"' in lesson_html
    assert "tracker.js" not in lesson_html
    assert "tracking-config" not in lesson_html
    assert not Enrollment.objects.unscoped().exists()


def test_signing_in_from_a_lesson_comes_back_to_it(world):
    open_to_everyone(world.course)
    lesson = world.lessons[1]
    client = Client()
    html = visit(client, lesson).content.decode()
    login = re.search(r'href="(/konto/logg-inn/\?next=[^"]+)"', html)[1]
    world.alice.set_password("et-passord-som-er-langt")
    world.alice.save()

    response = client.post(
        login, {"login": world.alice.email, "password": "et-passord-som-er-langt"}
    )

    assert response.status_code == 302
    assert response["Location"] == path(lesson)


def test_the_page_cache_never_serves_one_persons_progress(world):
    open_to_everyone(world.course)
    alice = signed_in(world.alice)
    with folded(world):
        send(alice, [read(world.alice, world.lessons[0])])
    assert "1 av 3 leksjoner fullført" in visit(alice, world.course).content.decode()

    anonymous = visit(Client(), world.course)
    again = visit(Client(), world.course)
    bob = visit(signed_in(world.bob), world.course).content.decode()

    for html in (anonymous.content.decode(), again.content.decode(), bob):
        assert "leksjoner fullført" not in html
        assert "Din fremdrift" not in html
    assert again["X-Page-Cache"] == "hit"  # the anonymous page is still cached


def test_charlie_sees_no_lesson_of_a_course_not_shared_with_him(world):
    charlie = signed_in(world.charlie)
    assert visit(charlie, world.lessons[0]).status_code == 404
    assert not Enrollment.objects.unscoped().filter(user=world.charlie).exists()
