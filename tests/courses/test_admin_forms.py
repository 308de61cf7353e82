import pytest

from django.urls import reverse

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
