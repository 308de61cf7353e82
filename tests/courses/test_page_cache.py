import pytest

from django.core.cache import cache

from courses import page_cache
from courses.models import CoursePage

from ..factories.courses import CoursePageFactory
from .conftest import page_address, visit

pytestmark = pytest.mark.django_db


def test_it_replays_the_catalogue_for_anonymous_visitors_without_the_database(
    client, sector, django_assert_num_queries
):
    first = visit(client, sector.sortland.root_page)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(client, sector.sortland.root_page)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]


def test_it_keeps_sites_and_searches_apart(client, sector):
    visit(client, sector.sortland.root_page)
    assert visit(client, sector.kongsberg.root_page)["X-Page-Cache"] == "miss"
    path, host = page_address(sector.sortland.root_page)
    searched = client.get(path, {"q": "passord"}, headers={"host": host})
    assert searched["X-Page-Cache"] == "miss"
    assert [c.title for c in searched.context["courses"]] == ["Informasjonssikkerhet i hverdagen"]


def test_it_shows_a_newly_published_course_at_once(client, sector):
    visit(client, sector.kongsberg.root_page)
    CoursePageFactory(
        parent=sector.ks.root_page, title="Nytt nasjonalt kurs", sharing=CoursePage.Sharing.EVERYONE
    )
    response = visit(client, sector.kongsberg.root_page)
    assert "Nytt nasjonalt kurs" in response.text


def test_it_hides_an_unpublished_course_at_once(client, sector):
    visit(client, sector.sortland.root_page)
    sector.national.unpublish()
    assert "Informasjonssikkerhet i hverdagen" not in visit(client, sector.sortland.root_page).text


def test_it_never_serves_a_cached_page_to_a_signed_in_learner(client, sector):
    anonymous = visit(client, sector.sortland.root_page)
    assert "Velkommen til Sortland kommune" not in anonymous.text
    client.force_login(sector.alice)
    response = visit(client, sector.sortland.root_page)
    assert "X-Page-Cache" not in response
    assert "Velkommen til Sortland kommune" in response.text


def test_it_does_not_cache_pages_with_a_form_token(client, sector):
    lesson = sector.lessons[sector.national.slug][0]  # has a quiz form
    visit(client, lesson)
    assert "X-Page-Cache" not in visit(client, lesson)
    plain = sector.lessons[sector.national.slug][1]
    visit(client, plain)
    assert visit(client, plain)["X-Page-Cache"] == "hit"


def test_it_moves_ownership_with_the_course(sector):
    sector.sortland_own.move(sector.kongsberg.root_page, pos="last-child")
    course = CoursePage.objects.get(pk=sector.sortland_own.pk)
    assert course.organisation == sector.kongsberg


def test_it_keeps_every_cached_page_when_an_editor_saves_a_draft(client, sector):
    visit(client, sector.kongsberg.root_page)
    version = cache.get(page_cache.VERSION_KEY)
    sector.national.title = "Utkast til ny tittel"
    sector.national.save_revision()
    assert cache.get(page_cache.VERSION_KEY) == version
    assert "Utkast til ny tittel" not in visit(client, sector.kongsberg.root_page).text


def test_it_reuses_the_catalogue_listing_for_signed_in_learners_of_one_organisation(
    client, sector, django_assert_max_num_queries
):
    client.force_login(sector.alice)
    first = visit(client, sector.sortland.root_page)
    assert "Velkommen til Sortland kommune" in first.text
    # Session, user, employer, site and routing remain; the courses do not.
    with django_assert_max_num_queries(10):
        again = visit(client, sector.sortland.root_page)
    assert "Velkommen til Sortland kommune" in again.text


def test_it_shows_a_signed_in_learner_a_newly_published_course_at_once(client, sector):
    client.force_login(sector.alice)
    visit(client, sector.sortland.root_page)
    CoursePageFactory(
        parent=sector.ks.root_page, title="Nytt nasjonalt kurs", sharing=CoursePage.Sharing.EVERYONE
    )
    assert "Nytt nasjonalt kurs" in visit(client, sector.sortland.root_page).text


def test_it_never_shows_one_organisation_the_listing_cached_for_another(client, sector):
    client.force_login(sector.alice)  # Sortland
    assert "Velkommen til Sortland kommune" in visit(client, sector.sortland.root_page).text
    client.force_login(sector.charlie)  # Kongsberg, same catalogue page
    assert "Velkommen til Sortland kommune" not in visit(client, sector.sortland.root_page).text
