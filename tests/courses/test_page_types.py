import pytest

from django.core.exceptions import ValidationError

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CatalogPage, CoursePage, LessonPage

from ..factories.courses import CatalogPageFactory, CoursePageFactory, LessonPageFactory


class PageTypeRulesTest(WagtailPageTestCase):
    def test_it_puts_catalogues_at_the_root_and_courses_only_in_catalogues(self):
        self.assertCanCreateAt(Page, CatalogPage)
        self.assertCanCreateAt(CatalogPage, CoursePage)
        self.assertCanNotCreateAt(Page, CoursePage)
        self.assertCanNotCreateAt(CoursePage, CoursePage)
        self.assertCanNotCreateAt(LessonPage, CoursePage)

    def test_it_lets_a_lesson_live_only_under_a_course(self):
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(CatalogPage, LessonPage)
        self.assertCanNotCreateAt(Page, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_it_allows_only_lessons_in_a_course_and_only_courses_in_a_catalogue(self):
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedSubpageTypes(CatalogPage, {CoursePage})


@pytest.fixture
def course(db):
    catalog = CatalogPageFactory(parent=Page.get_first_root_node())
    return CoursePageFactory(parent=catalog)


def test_it_requires_alt_text_for_a_cover_image(course):
    course.cover_image = Image.objects.create(title="Forside", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "cover_alt" in error.value.message_dict
    course.cover_alt = "To kolleger ved en PC"
    course.full_clean()


def test_it_keeps_quiz_ids_stable_for_lessons_saved_without_them(course):
    body = [
        {
            "type": "quiz",
            "value": {
                "title": "Quiz",
                "pass_mark": 80,
                "questions": [
                    {
                        "text": "Er dette lett?",
                        "kind": "single",
                        "choices": [{"text": "Ja", "correct": True}, {"text": "Nei"}],
                    }
                ],
            },
        }
    ]
    lesson = LessonPageFactory(parent=course, body=body)

    def ids():
        quiz = LessonPage.objects.get(pk=lesson.pk).body[0]
        question = quiz.value["questions"].bound_blocks[0]
        return quiz.id, question.id, [c.id for c in question.value["choices"].bound_blocks]

    assert ids() == ids()
    assert all(ids())
