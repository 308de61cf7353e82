"""Routes kept per worker (courses.routing) never outlive a change, and never
let one person's visit open a page to another."""

import pytest

from django.core.cache import cache

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from .conftest import page_address, visit

pytestmark = pytest.mark.django_db


def test_it_still_refuses_charlie_a_lesson_alice_just_opened(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    assert visit(client, lesson).status_code == 200
    client.force_login(sector.charlie)  # same client, same worker's kept routes
    assert visit(client, lesson).status_code == 404
    client.logout()
    assert visit(client, lesson).status_code == 302


def test_it_stops_serving_a_lesson_once_it_is_unpublished(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    assert visit(client, lesson).status_code == 200
    lesson.unpublish()
    assert visit(client, lesson).status_code == 404


def test_it_shows_a_republished_lesson_as_published(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    assert "Andre leksjon" in visit(client, lesson).text
    lesson.title = "Andre leksjon, revidert"
    lesson.save_revision().publish()
    assert "Andre leksjon, revidert" in visit(client, lesson).text


def test_it_applies_a_view_restriction_added_after_a_visit(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    assert visit(client, lesson).status_code == 200
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    response = visit(client, lesson)
    assert response.status_code == 200
    assert "hemmelig" not in response.text
    assert 'name="password"' in response.text


def test_it_shows_a_lesson_text_published_with_its_course_at_once(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    assert "Nytt avsnitt om arkivet" not in visit(client, lesson).text
    lesson.body = [("text", RichText("<p>Nytt avsnitt om arkivet</p>"))]
    lesson.save_revision()
    sector.sortland_own.save_revision().publish()
    assert "Nytt avsnitt om arkivet" in visit(client, lesson).text


def test_it_stops_serving_an_unpublished_lesson_after_the_cache_was_emptied(client, sector):
    # An emptied (or restarted) cache must not bring back a version the
    # worker kept pages for.
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    cache.clear()
    assert visit(client, lesson).status_code == 200
    cache.clear()
    lesson.unpublish()
    assert visit(client, lesson).status_code == 404


def test_it_follows_a_site_to_its_new_hostname(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][1]
    client.force_login(sector.alice)
    path, host = page_address(lesson)
    assert client.get(path, headers={"host": host}).status_code == 200
    site = sector.sortland.site
    site.hostname = "sortland-ny.kurs.localhost"
    site.save()
    # The old hostname is nobody's site now: the default site has no such path.
    assert client.get(path, headers={"host": host}).status_code == 404
    assert (
        client.get(path, headers={"host": f"sortland-ny.kurs.localhost:{site.port}"}).status_code
        == 200
    )
