import factory
import wagtail_factories

from courses.models import CatalogPage, CoursePage, LessonPage, Topic
from tenants.services import provision_organisation

from .tenants import OrganisationFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class CatalogPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogPage

    title = factory.Sequence(lambda n: f"Katalog {n}")


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kurs {n}")
    summary = "Et kurs for alle ansatte."
    sharing = CoursePage.Sharing.OWN


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leksjon {n}")


def provisioned_organisation(**kwargs):
    """An organisation with its site, catalogue root, groups and workflow."""
    return provision_organisation(OrganisationFactory(**kwargs))


def quiz_block(quiz_id="quiz-1", pass_mark=50):
    """A quiz with stable ids: q-single (one right: c-right) and q-multi
    (right: c-a and c-b; wrong: c-c)."""
    return {
        "type": "quiz",
        "id": quiz_id,
        "value": {
            "title": "Test deg selv",
            "intro": "",
            "pass_mark": pass_mark,
            "questions": [
                {
                    "type": "item",
                    "id": "q-single",
                    "value": {
                        "text": "Hva gjør du når du går fra PC-en?",
                        "kind": "single",
                        "explanation": "En ulåst PC kan brukes av hvem som helst.",
                        "choices": [
                            {
                                "type": "item",
                                "id": "c-right",
                                "value": {
                                    "text": "Låser skjermen",
                                    "correct": True,
                                    "feedback": "Bra, slik holder du dataene trygge.",
                                },
                            },
                            {
                                "type": "item",
                                "id": "c-wrong",
                                "value": {
                                    "text": "Lar den stå åpen",
                                    "correct": False,
                                    "feedback": "Da kan hvem som helst lese e-posten din.",
                                },
                            },
                        ],
                    },
                },
                {
                    "type": "item",
                    "id": "q-multi",
                    "value": {
                        "text": "Hva kjennetegner et godt passord?",
                        "kind": "multiple",
                        "explanation": "Lengde slår kompleksitet.",
                        "choices": [
                            {
                                "type": "item",
                                "id": "c-a",
                                "value": {"text": "Langt", "correct": True, "feedback": ""},
                            },
                            {
                                "type": "item",
                                "id": "c-b",
                                "value": {"text": "Unikt", "correct": True, "feedback": ""},
                            },
                            {
                                "type": "item",
                                "id": "c-c",
                                "value": {
                                    "text": "Navnet på hunden",
                                    "correct": False,
                                    "feedback": "Det finner andre fort ut.",
                                },
                            },
                        ],
                    },
                },
            ],
        },
    }
