"""A course to track, for tracking-core's tests (imported, not a conftest).

Sortland publishes "Informasjonssikkerhet i hverdagen" to its own people:
lesson 1 is text, lesson 2 text and a 6-second film, lesson 3 a quiz (pass
mark 50). Alice works in Sortland (unit Helse, sub-unit Sykehjem, job role
Sykepleier), Bob too (unit Skole); Charlie works in Kongsberg, which the
course is not shared with ("should have no access"). Alice administers
nothing; Sortland's and Kongsberg's admins are Astrid and Knut.
"""

import json
import uuid
from datetime import timedelta
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtailmedia.models import Media

from courses.models import CoursePage

from ..factories.accounts import UserFactory
from ..factories.courses import (
    CoursePageFactory,
    LessonPageFactory,
    provisioned_organisation,
    quiz_block,
)
from ..factories.tenants import EmploymentFactory, JobRoleFactory, UnitFactory

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/verbs/"
SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments"
URL = "/laering/hendelser/"


def build_world(rule=CoursePage.CompletionRule.COMPLETED, certificate=False):
    sortland = provisioned_organisation(slug="sortland", name="Sortland", number="1870")
    kongsberg = provisioned_organisation(slug="kongsberg", name="Kongsberg", number="3006")
    health = UnitFactory(organisation=sortland, name="Helse")
    nursing_home = UnitFactory(organisation=sortland, name="Sykehjem", parent=health)
    school = UnitFactory(organisation=sortland, name="Skole")
    nurse = JobRoleFactory(organisation=sortland, name="Sykepleier")
    film = Media.objects.create(
        title="Nettfisking", file=ContentFile(b"\x00" * 16, name="film.mp4"), type="video",
        duration=6.0,
    )  # fmt: skip
    course = CoursePageFactory(
        parent=sortland.root_page,
        title="Informasjonssikkerhet i hverdagen",
        sharing=CoursePage.Sharing.OWN,
        completion_rule=rule,
        certificate_enabled=certificate,
    )
    text = {"type": "text", "value": "<p>Lås skjermen.</p>"}
    video = {
        "type": "video",
        "id": "film-1",
        "value": {"video": film.pk, "captions": None, "captions_language": "nb", "transcript": ""},
    }
    lessons = [
        LessonPageFactory(parent=course, title="Passord", body=[text]),
        LessonPageFactory(parent=course, title="Nettfisking", body=[text, video]),
        LessonPageFactory(parent=course, title="Test deg selv", body=[quiz_block("quiz-1", 50)]),
    ]

    def person(email, org, **kwargs):
        user = UserFactory(email=email, first_name=email.split("@")[0].title(), last_name="Test")
        EmploymentFactory(user=user, organisation=org, **kwargs)
        return user

    alice = person("alice@sortland.kommune.no", sortland, unit=nursing_home, job_role=nurse)
    bob = person("bob@sortland.kommune.no", sortland, unit=school)
    charlie = person("charlie@kongsberg.kommune.no", kongsberg)
    astrid = person("astrid@sortland.kommune.no", sortland)
    astrid.groups.add(sortland.admins_group)
    knut = person("knut@kongsberg.kommune.no", kongsberg)
    knut.groups.add(kongsberg.admins_group)
    return SimpleNamespace(**locals())


def statement(user, lesson, activity, verb="experienced", at=None, segments=None, **extra):
    iri = (VIDEO if verb in ("played", "paused", "seeked") else ADL) + verb
    data = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"name": str(user.pk)}},
        "verb": {"id": iri},
        "object": {"id": f"urn:kurs:lesson:{lesson.pk}:{activity}"},
        "timestamp": (at or timezone.now() - timedelta(seconds=1)).isoformat(),
        **extra,
    }
    if segments is not None:
        data.setdefault("result", {}).setdefault("extensions", {})[SEGMENTS] = segments
    return data


def read(user, lesson, **kwargs):
    return statement(user, lesson, f"lesson-{lesson.pk}", "experienced", **kwargs)


def send(client, payload, **headers):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL, body, content_type="application/json", headers=headers)


def grade(client, lesson, right=True):
    if right:
        answers = {"q-single": ["c-right"], "q-multi": ["c-a", "c-b"]}
    else:
        answers = {"q-single": ["c-wrong"], "q-multi": ["c-c"]}
    return client.post(
        reverse("courses:grade_quiz", args=[lesson.pk, "quiz-1"]),
        json.dumps({"answers": answers}),
        content_type="application/json",
    )
