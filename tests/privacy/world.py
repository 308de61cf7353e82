"""Alice's learning record, and others', for the privacy tests (imported, not a conftest).

On tracking's world (tests/tracking/core_world.py): Alice Aune (Sortland,
Sykehjem, Sykepleier) completes the course and gets a certificate; Bob
(Sortland, Skole) reads the first lesson; Charlie (Kongsberg) reads a lesson
of Kongsberg's own course. The rollups are fresh.
"""

from django.core.cache import cache
from django.test import Client

from learning.reports.rollups import refresh_rollups
from learning.tracking.services import enroll

from ..factories.courses import CoursePageFactory, LessonPageFactory
from ..tracking.core_world import build_world, grade, read, send, statement
from ..tracking.learner_helpers import folded

LENGTH = "https://w3id.org/xapi/video/extensions/length"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def build_privacy_world():
    cache.clear()
    world = build_world(certificate=True)
    world.alice.first_name, world.alice.last_name = "Alice", "Aune"
    world.alice.save()
    first, second, quiz = world.lessons
    film = statement(world.alice, second, "film-1", "paused", segments=[[0, 6]])
    film["result"]["extensions"][LENGTH] = 6
    alice = signed_in(world.alice)
    with folded(world):
        assert (
            send(alice, [read(world.alice, first), read(world.alice, second), film]).status_code
            == 202
        )
        assert grade(alice, quiz).status_code == 200
        assert send(signed_in(world.bob), [read(world.bob, first)]).status_code == 202
        world.kongsberg_course = CoursePageFactory(
            parent=world.kongsberg.root_page, title="Velkommen"
        )
        world.kongsberg_lesson = LessonPageFactory(
            parent=world.kongsberg_course, body=[{"type": "text", "value": "<p>Hei</p>"}]
        )
        enroll(world.charlie, world.kongsberg_course, world.kongsberg)
        charlie = signed_in(world.charlie)
        assert send(charlie, [read(world.charlie, world.kongsberg_lesson)]).status_code == 202
    for organisation in (world.sortland, world.kongsberg):
        refresh_rollups(organisation.pk)
    return world
