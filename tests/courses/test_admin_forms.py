import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import CoursePage

from ..factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sortland_editor(client, sector):
    editor = UserFactory()
    editor.groups.add(sector.sortland.editors_group)
    client.force_login(editor)
    return editor


def test_it_shows_editors_the_course_form_with_sharing_choices(client, sector, sortland_editor):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[sector.sortland_own.pk]))
    assert response.status_code == 200
    for label in ("Sammendrag", "Alternativ tekst til forsidebildet", "Deling", "Kursbevis"):
        assert label.lower() in response.text.lower()
    # Only regions are offered as regions to share with.
    assert "Vesterålen" in response.text


def test_it_shows_editors_the_lesson_form_with_every_block(client, sector, sortland_editor):
    lesson = sector.lessons[sector.sortland_own.slug][0]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert response.status_code == 200
    for label in ("Tekst", "Bilde", "Video", "Innebygd innhold", "Dokument til nedlasting"):
        assert label in response.text
    assert "Faktaboks" in response.text and "Quiz" in response.text


def test_it_keeps_editors_out_of_other_organisations_courses(client, sector, sortland_editor):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[sector.national.pk]))
    assert response.status_code in (302, 403)


def edit_course(client, course, shared_with_regions=(), **fields):
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "estimated_minutes": 20,
            "language": "nb",
            "sharing": "own",
            "completion_rule": "completed",
            "comments": inline_formset([]),
            **fields,
        }
    )
    data["shared_with_regions"] = list(shared_with_regions)
    return client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)


def test_it_asks_which_region_to_share_with(client, sector, sortland_editor):
    response = edit_course(client, sector.sortland_own, sharing="region")
    assert response.status_code == 200
    assert "Velg minst én region å dele med." in response.text

    response = edit_course(
        client, sector.sortland_own, sharing="region", shared_with_regions=[sector.vesteralen.pk]
    )
    assert response.status_code == 302
    sector.sortland_own.refresh_from_db()
    draft = sector.sortland_own.get_latest_revision_as_object()
    assert draft.sharing == "region"
    assert list(draft.shared_with_regions.all()) == [sector.vesteralen]


def test_it_offers_only_regions_as_regions(client, sector, sortland_editor):
    response = edit_course(
        client, sector.sortland_own, sharing="region", shared_with_regions=[sector.kongsberg.pk]
    )
    assert response.status_code == 200
    assert "shared_with_regions" in response.context["form"].errors


def test_it_makes_the_address_from_the_title_when_the_browser_sent_none(
    client, sector, sortland_editor
):
    parent = sector.sortland.root_page_id
    data = nested_form_data(
        {
            "title": "Arkiv i praksis",
            "slug": "",
            "summary": "Slik arkiverer vi.",
            "estimated_minutes": 15,
            "language": "nb",
            "sharing": "own",
            "completion_rule": "completed",
            "comments": inline_formset([]),
        }
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", parent]), data
    )
    assert response.status_code == 302
    course = CoursePage.objects.get(title="Arkiv i praksis")
    assert course.slug == "arkiv-i-praksis"
