import pytest

from django.urls import reverse

from courses.services import courses_visible_to
from tenants.models import Employment

from ..factories.accounts import UserFactory
from ..factories.tenants import EmploymentFactory
from .conftest import visit

pytestmark = pytest.mark.django_db


def titles(qs):
    return sorted(course.title for course in qs)


def test_it_shows_each_organisation_its_own_and_shared_courses(sector):
    assert titles(courses_visible_to(sector.sortland)) == sorted(
        [
            "Informasjonssikkerhet i hverdagen",
            "SvarUT for saksbehandlere",
            "Felles journalføring i Vesterålen",
            "Velkommen til Sortland kommune",
            "Brannvern på sykehjem",
        ]
    )
    assert titles(courses_visible_to(sector.kongsberg)) == sorted(
        ["Informasjonssikkerhet i hverdagen", "SvarUT for saksbehandlere", "Brannvern på sykehjem"]
    )
    assert titles(courses_visible_to(sector.ks)) == sorted(
        ["Informasjonssikkerhet i hverdagen", "SvarUT for saksbehandlere"]
    )
    assert "Felles journalføring i Vesterålen" in titles(courses_visible_to(sector.vesteralen))


def test_it_shows_anyone_without_an_organisation_only_courses_for_everyone(sector):
    assert titles(courses_visible_to(None)) == sorted(
        ["Informasjonssikkerhet i hverdagen", "SvarUT for saksbehandlere"]
    )


def test_it_records_the_owning_organisation_from_the_tree(sector):
    assert sector.national.organisation == sector.ks
    assert sector.regional.organisation == sector.vesteralen
    assert sector.sortland_own.organisation == sector.sortland


def test_it_hides_unpublished_courses(sector):
    sector.sortland_own.unpublish()
    assert "Velkommen til Sortland kommune" not in titles(courses_visible_to(sector.sortland))


def test_it_lets_a_region_member_open_the_regions_course(client, sector):
    client.force_login(sector.alice)
    assert visit(client, sector.regional).status_code == 200
    lesson = sector.lessons[sector.regional.slug][0]
    response = visit(client, lesson)
    assert response.status_code == 200
    assert "Første leksjon" in response.text


def test_it_hides_courses_not_shared_with_charlies_municipality(client, sector):
    client.force_login(sector.charlie)
    for course in (sector.regional, sector.sortland_own):
        assert visit(client, course).status_code == 404
        assert visit(client, sector.lessons[course.slug][0]).status_code == 404


def test_it_shows_charlie_the_courses_listed_for_his_municipality(client, sector):
    client.force_login(sector.charlie)
    assert visit(client, sector.sortland_listed).status_code == 200
    assert visit(client, sector.lessons[sector.sortland_listed.slug][0]).status_code == 200
    assert visit(client, sector.national).status_code == 200


def test_it_lets_anyone_read_lessons_of_courses_shared_with_everyone(client, sector):
    response = visit(client, sector.lessons[sector.national.slug][1])
    assert response.status_code == 200
    assert "Andre leksjon" in response.text


def test_it_asks_visitors_to_sign_in_before_an_own_course_without_naming_it(client, sector):
    for page in (sector.sortland_own, sector.lessons[sector.sortland_own.slug][0]):
        response = visit(client, page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
        assert "Velkommen" not in response.content.decode()


def test_it_lets_anonymous_visitors_open_a_course_for_everyone(client, sector):
    response = visit(client, sector.national)
    assert response.status_code == 200
    assert "Informasjonssikkerhet i hverdagen" in response.text


def test_it_shows_an_own_course_to_its_organisations_employee(client, sector):
    client.force_login(sector.alice)
    response = visit(client, sector.sortland_own)
    assert response.status_code == 200
    assert "Velkommen til Sortland kommune" in response.text


def test_it_answers_404_to_charlie_on_another_municipalitys_own_course(client, sector):
    client.force_login(sector.charlie)
    response = visit(client, sector.sortland_own)
    assert response.status_code == 404
    assert "Velkommen til Sortland kommune" not in response.text


def test_it_sends_a_person_waiting_for_approval_to_their_status_page(client, sector):
    waiting = UserFactory()
    EmploymentFactory(user=waiting, organisation=sector.sortland, status=Employment.Status.PENDING)
    client.force_login(waiting)
    response = visit(client, sector.lessons[sector.sortland_own.slug][0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:status"))


def test_it_lets_editors_preview_a_draft_lesson(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][0]
    lesson.save_revision()
    editor = UserFactory()
    editor.groups.add(sector.sortland.editors_group)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))
    assert response.status_code == 200
    assert "Første leksjon" in response.text
