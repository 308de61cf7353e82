"""Routes kept per worker (courses.routing) never outlive a change, and never
let one person's visit open a page to another."""

import pytest

from wagtail.models import PageViewRestriction

from .conftest import visit

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
