"""Turn `courses.demo.content` into published pages, films and captions.

Safe to run twice: topics, films and captions are matched by slug or title, and
courses and lessons by slug under their parent. What exists is left as it is
(an editor may have changed it); only what is missing is created.
"""

import uuid
from pathlib import Path

from django.core.files import File
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from courses.blocks import LessonStreamBlock
from courses.models import CoursePage, LessonPage, Topic
from tenants.models import Organisation

from . import content

MEDIA_DIR = Path(__file__).resolve().parent / "media"
# Stable block ids: a reload of the same demo gives quiz questions and choices
# the same ids, so answers recorded against them stay meaningful.
CAPTION_NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk"}
ID_NAMESPACE = uuid.UUID("7f0b3c4e-2a51-4c53-9a40-6b1d3f0e8a11")


def load(owners=None, log=None):
    """Publish the demo courses of the organisations in `owners` (slugs; None
    means all) that have been provisioned. Returns the courses created."""
    log = log or (lambda message: None)
    topics = {t["slug"]: _topic(t) for t in content.TOPICS}
    created = []
    for course in content.COURSES:
        if owners is not None and course["owner"] not in owners:
            continue
        org = Organisation.objects.filter(slug=course["owner"]).first()
        if org is None or org.root_page_id is None:
            log(f"Hopper over «{course['title']}»: {course['owner']} er ikke klargjort.")
            continue
        with transaction.atomic():
            page, is_new = _course(course, org, topics[course["topic"]])
        if is_new:
            created.append(page)
            log(f"Publiserte «{page.title}» ({org.name}).")
    return created


def _topic(data):
    topic, _ = Topic.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"]})
    return topic


def _course(data, org, topic):
    root = org.root_page.specific
    page = CoursePage.objects.child_of(root).filter(slug=data["slug"]).first()
    is_new = page is None
    if is_new:
        page = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=_strip_p(data["intro"]),
            topic=topic,
            estimated_minutes=data["duration_minutes"],
            audience=data["audience"],
            sharing=data["sharing"],
            completion_rule=CoursePage.CompletionRule.COMPLETED_AND_PASSED,
            certificate_enabled=True,
        )
        if data["sharing"] == CoursePage.Sharing.REGION:
            page.shared_with_regions.set(Organisation.objects.filter(slug=data["region"]))
        root.add_child(instance=page)
        page.save_revision().publish()
    else:
        page = page.specific

    for lesson in data["lessons"]:
        if LessonPage.objects.child_of(page).filter(slug=lesson["slug"]).exists():
            continue
        body = _stream(lesson["body"], org, key=f"{data['slug']}/{lesson['slug']}")
        lesson_page = LessonPage(
            title=lesson["title"],
            slug=lesson["slug"],
            search_description=lesson["summary"],
            body=body,
        )
        page.add_child(instance=lesson_page)
        lesson_page.save_revision().publish()
    return page, is_new


def _strip_p(html):
    """The course summary is plain text."""
    return html.replace("<p>", "").replace("</p>", "\n").strip()


def _stream(items, org, key):
    counter = iter(range(10_000))

    def block_id():
        return str(uuid.uuid5(ID_NAMESPACE, f"{key}/{next(counter)}"))

    raw = []
    for kind, value in items:
        if kind == "text":
            raw_value = value
        elif kind == "callout":
            raw_value = dict(value)
        elif kind == "video":
            media, tracks = film(value["film"])
            (main_language, main), *others = tracks
            raw_value = {
                "video": media.pk,
                "captions": main.pk,
                "captions_language": main_language,
                "extra_captions": [
                    {"captions": document.pk, "language": language} for language, document in others
                ],
                "transcript": value["transcript"],
            }
        elif kind == "quiz":
            raw_value = _quiz(value, block_id)
        else:
            raise ValueError(f"Unknown demo block kind: {kind}")
        raw.append({"type": kind, "value": raw_value, "id": block_id()})
    return LessonStreamBlock().to_python(raw)


def _quiz(quiz, block_id):
    questions = []
    for question in quiz["questions"]:
        choices = [
            {
                "type": "item",
                "id": block_id(),
                "value": {
                    "text": choice["text"],
                    "correct": choice["correct"],
                    "feedback": choice["feedback"],
                },
            }
            for choice in question["choices"]
        ]
        questions.append(
            {
                "type": "item",
                "id": block_id(),
                "value": {
                    "text": question["text"],
                    "kind": "multiple" if question["multiple"] else "single",
                    "choices": choices,
                    "explanation": question["explanation"],
                },
            }
        )
    return {
        "title": quiz["title"],
        "intro": f"<p>{quiz['intro']}</p>",
        "pass_mark": quiz["pass_mark"],
        "questions": questions,
    }


def film(name):
    """The demo film `name` and its WebVTT captions, uploaded once into KS's
    collection (the national films belong to KS). Returns (media, [(language,
    document), ...]), the main captions track first."""
    spec = content.FILMS[name]
    ks = Organisation.objects.filter(slug="ks").first()
    collection = (ks and ks.collection) or Collection.get_first_root_node()

    Media = get_media_model()
    media = Media.objects.filter(title=spec["title"]).first()
    if media is None:
        media = Media(
            title=spec["title"],
            type="video",
            duration=spec["duration"],
            width=spec["width"],
            height=spec["height"],
            collection=collection,
        )
        with open(MEDIA_DIR / spec["file"], "rb") as fh:
            media.file.save(spec["file"], File(fh), save=False)
        media.save()

    Document = get_document_model()
    tracks = []
    for language, filename in spec["captions"].items():
        title = f"Teksting ({CAPTION_NAMES[language]}): {spec['title']}"
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=collection)
            with open(MEDIA_DIR / filename, "rb") as fh:
                document.file.save(filename, File(fh), save=False)
            document.save()
        tracks.append((language, document))
    return media, tracks
