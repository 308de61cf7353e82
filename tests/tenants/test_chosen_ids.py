"""Page forms refuse another organisation's images, documents, media and pages,
wherever the id arrives: a chooser field, a StreamField block at any depth, a
rich text link, or the preview (which saves nothing but shows the files)."""

import pytest

from django.core.files.base import ContentFile

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtailmedia.models import Media

from courses.models import CoursePage, LessonPage
from tenants.forms import ChosenObjectsFormMixin, check_admin_forms

from .helpers import TwoMunicipalitiesTestCase

REFUSED = "Du kan bare velge bilder, dokumenter, media og sider fra din egen organisasjon."


def course_form(course, **fields):
    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "cover_alt": "Logo",
            "estimated_minutes": 20,
            "language": "nb",
            "sharing": "own",
            "completion_rule": "completed",
            "comments": inline_formset([]),
            **fields,
        }
    )


def lesson_form(lesson, blocks):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "body": streamfield(blocks),
            "comments": inline_formset([]),
        }
    )


def video(media, captions):
    return (
        "video",
        {
            "video": media.pk,
            "captions": captions.pk,
            "captions_language": "nb",
            "extra_captions": streamfield([]),
            "transcript": rich_text(""),
        },
    )


@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
)
class ChosenIdsTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.alpha_lesson = cls.alpha_course.add_child(
            instance=LessonPage(title="Alfavik-leksjon", slug="leksjon")
        )
        cls.alpha_media = Media.objects.create(
            title="Alfavik-film",
            file=ContentFile(b"\x00" * 16, name="alfavik.mp4"),
            type="video",
            collection=cls.alpha.collection,
        )
        cls.alpha_captions = Document.objects.create(
            title="Alfavik-teksting",
            file=ContentFile(b"WEBVTT\n", name="alfavik.vtt"),
            collection=cls.alpha.collection,
        )
        cls.beta_captions = Document.objects.create(
            title="Betafjord-teksting",
            file=ContentFile(b"WEBVTT\n", name="betafjord.vtt"),
            collection=cls.beta.collection,
        )

    def setUp(self):
        self.client.force_login(self.alice)  # an admin, who may publish in Alfavik

    def edit(self, page, data, action="action-publish"):
        data[action] = action.removeprefix("action-")
        return self.client.post(f"/admin/pages/{page.pk}/edit/", data)

    def test_it_refuses_another_organisations_cover_image(self):
        r = self.edit(
            self.alpha_course, course_form(self.alpha_course, cover_image=self.beta_image.pk)
        )
        self.assertContains(r, REFUSED)
        self.assertContains(r, f"bilde {self.beta_image.pk}")
        course = CoursePage.objects.get(pk=self.alpha_course.pk)
        self.assertIsNone(course.cover_image)
        self.assertIsNone(course.get_latest_revision())

    def test_it_takes_the_own_organisations_cover_image(self):
        r = self.edit(
            self.alpha_course, course_form(self.alpha_course, cover_image=self.alpha_image.pk)
        )
        self.assertEqual(r.status_code, 302)
        self.assertEqual(
            CoursePage.objects.get(pk=self.alpha_course.pk).cover_image, self.alpha_image
        )

    def test_it_keeps_a_cover_image_the_course_already_had(self):
        # e.g. a course copied from KS keeps KS's picture when edited
        CoursePage.objects.filter(pk=self.alpha_course.pk).update(cover_image=self.beta_image)
        r = self.edit(
            self.alpha_course,
            course_form(self.alpha_course, title="Nytt navn", cover_image=self.beta_image.pk),
        )
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Page.objects.get(pk=self.alpha_course.pk).title, "Nytt navn")

    def test_it_refuses_another_organisations_video_and_captions_in_a_lesson(self):
        r = self.edit(
            self.alpha_lesson,
            lesson_form(self.alpha_lesson, [video(self.beta_media, self.beta_captions)]),
        )
        self.assertContains(r, REFUSED)
        self.assertContains(r, f"media {self.beta_media.pk}")
        self.assertContains(r, f"dokument {self.beta_captions.pk}")
        self.assertEqual(len(LessonPage.objects.get(pk=self.alpha_lesson.pk).body), 0)

    def test_it_refuses_another_organisations_document_and_image_blocks(self):
        blocks = [
            ("document", {"document": self.beta_document.pk, "title": ""}),
            ("image", {"image": self.beta_image.pk, "alt_text": "Logo", "caption": ""}),
        ]
        r = self.edit(self.alpha_lesson, lesson_form(self.alpha_lesson, blocks))
        self.assertContains(r, REFUSED)
        self.assertContains(r, f"bilde {self.beta_image.pk}")
        self.assertEqual(len(LessonPage.objects.get(pk=self.alpha_lesson.pk).body), 0)

    def test_it_refuses_a_rich_text_link_to_another_organisations_document(self):
        link = f'<p><a linktype="document" id="{self.beta_document.pk}">Håndbok</a></p>'
        r = self.edit(
            self.alpha_lesson, lesson_form(self.alpha_lesson, [("text", rich_text(link))])
        )
        self.assertContains(r, REFUSED)
        self.assertEqual(len(LessonPage.objects.get(pk=self.alpha_lesson.pk).body), 0)

    def test_it_refuses_another_organisations_ids_when_an_editor_saves_a_draft(self):
        self.client.force_login(self.bob)
        r = self.edit(
            self.alpha_lesson,
            lesson_form(self.alpha_lesson, [video(self.beta_media, self.beta_captions)]),
            action="action-save",
        )
        self.assertContains(r, REFUSED)
        self.assertIsNone(Page.objects.get(pk=self.alpha_lesson.pk).get_latest_revision())

    def test_it_takes_the_own_organisations_video(self):
        r = self.edit(
            self.alpha_lesson,
            lesson_form(self.alpha_lesson, [video(self.alpha_media, self.alpha_captions)]),
        )
        self.assertEqual(r.status_code, 302)
        body = LessonPage.objects.get(pk=self.alpha_lesson.pk).body
        self.assertEqual(body[0].value["video"], self.alpha_media)

    def test_it_refuses_to_preview_another_organisations_files(self):
        self.client.force_login(self.bob)
        url = f"/admin/pages/{self.alpha_lesson.pk}/edit/preview/"
        r = self.client.post(
            url, lesson_form(self.alpha_lesson, [video(self.beta_media, self.beta_captions)])
        )
        self.assertEqual(r.json(), {"is_valid": False, "is_available": False})
        r = self.client.get(url)
        self.assertNotContains(r, self.beta_media.file.url)
        self.assertNotContains(r, "Betafjord velkomstfilm")

    def test_it_previews_the_own_organisations_files(self):
        self.client.force_login(self.bob)
        url = f"/admin/pages/{self.alpha_lesson.pk}/edit/preview/"
        r = self.client.post(
            url, lesson_form(self.alpha_lesson, [video(self.alpha_media, self.alpha_captions)])
        )
        self.assertEqual(r.json(), {"is_valid": True, "is_available": True})
        self.assertContains(self.client.get(url), self.alpha_media.file.url)

    def test_it_lets_the_ks_superuser_choose_from_any_collection(self):
        self.client.force_login(self.kari)
        r = self.edit(
            self.alpha_course, course_form(self.alpha_course, cover_image=self.beta_image.pk)
        )
        self.assertEqual(r.status_code, 302)


def test_it_installs_the_checking_form_on_every_page_model():
    assert check_admin_forms(None) == []
    assert issubclass(LessonPage.base_form_class, ChosenObjectsFormMixin)


def test_it_fails_the_check_for_a_page_form_that_accepts_any_id(monkeypatch):
    monkeypatch.setattr(LessonPage, "base_form_class", WagtailAdminPageForm)
    errors = check_admin_forms(None)
    assert [(error.id, error.obj) for error in errors] == [("tenants.E010", LessonPage)]
