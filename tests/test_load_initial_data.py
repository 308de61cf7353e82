"""`manage.py load_initial_data`: from an empty database to a platform to click through."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from wagtailmedia.models import get_media_model

from courses.models import CoursePage, LessonPage, Topic
from learning.management.commands.load_initial_data import DEMO_PASSWORD, DEMO_USERS
from tenants.models import Employment, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


NATIONAL = [
    "SvarUT for saksbehandlere",
    "Informasjonssikkerhet i hverdagen",
    "Prosjekt- og porteføljestyring i kommunen",
]


def load(**options):
    # Only the demo organisations get sites: provisioning all ~375 is make run's job.
    out = StringIO()
    call_command("load_initial_data", organisations="kongsberg", verbosity=0, stdout=out, **options)
    return out.getvalue()


def test_it_publishes_the_national_courses_with_lessons_and_a_quiz():
    load(no_index=True)
    ks = Organisation.objects.get(slug="ks")
    for title in NATIONAL:
        course = CoursePage.objects.get(title=title)
        assert course.live
        assert course.organisation == ks
        assert course.sharing == CoursePage.Sharing.EVERYONE
        lessons = list(course.lessons())
        assert 3 <= len(lessons) <= 5, title
        assert any(lesson.quiz_blocks() for lesson in lessons), f"{title} has no quiz"


def test_it_gives_the_films_captions_in_ks_collection():
    load(no_index=True)
    lesson = LessonPage.objects.get(slug="ren-pult-og-last-skjerm")
    video = next(block.value for block in lesson.body if block.block_type == "video")
    collection = Organisation.objects.get(slug="ks").collection
    assert video["video"].file.name.endswith(".webm")
    assert video["video"].collection == collection
    assert video["captions"].file.name.endswith(".vtt")
    with video["captions"].file.open("rb") as captions:
        assert captions.read().startswith(b"WEBVTT")


def test_it_gives_the_films_norwegian_captions_and_keeps_english_as_a_choice():
    load(no_index=True)
    lesson = LessonPage.objects.get(slug="ren-pult-og-last-skjerm")
    video = next(block.value for block in lesson.body if block.block_type == "video")
    assert video["captions_language"] == "nb"
    with video["captions"].file.open("rb") as captions:
        assert "En blomst åpner seg" in captions.read().decode()
    extra = {track["language"]: track["captions"] for track in video["extra_captions"]}
    assert list(extra) == ["nn", "en"]
    with extra["nn"].file.open("rb") as captions:
        assert "Ein blome opnar seg" in captions.read().decode()


def test_it_opens_every_demo_lesson_with_a_film_in_the_editor(client):
    load(no_index=True)
    client.force_login(get_user_model().objects.get(email="admin@ks.no"))
    films = [
        lesson for lesson in LessonPage.objects.all() if "video" in lesson.body.raw_data.__repr__()
    ]
    assert films
    for lesson in films:
        assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200, lesson.title


def test_it_shows_voss_in_nynorsk_and_kongsberg_in_bokmal(client):
    load(no_index=True)
    voss = client.get("/", headers={"host": "voss.kurs.localhost"}).text
    assert '<html lang="nn">' in voss
    assert "Hopp til hovudinnhaldet" in voss
    kongsberg = client.get("/", headers={"host": "kongsberg.kurs.localhost"}).text
    assert '<html lang="nb">' in kongsberg
    assert "Hopp til hovedinnhold" in kongsberg


def test_it_shares_kongsbergs_welcome_course_with_its_region():
    load(no_index=True)
    course = CoursePage.objects.get(slug="velkommen-som-ny-medarbeider")
    assert course.organisation.slug == "kongsberg"
    assert [r.slug for r in course.shared_with_regions.all()] == ["kongsbergregionen"]
    assert CoursePage.objects.get(slug="dokumentasjon-i-hjemmetjenesten").sharing == "own"


def test_it_prints_logins_that_work(client):
    out = load(no_index=True)
    assert DEMO_PASSWORD in out
    for email, *_ in DEMO_USERS:
        assert email in out
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()


def test_it_gives_demo_users_their_roles():
    load(no_index=True)
    kongsberg = Organisation.objects.get(slug="kongsberg")
    users = get_user_model().objects
    assert users.get(email="admin@ks.no").is_superuser
    editor = users.get(email="redaktor@kongsberg.kommune.no")
    assert kongsberg.editors_group in editor.groups.all()
    assert not editor.is_superuser
    admin = users.get(email="administrator@kongsberg.kommune.no")
    assert kongsberg.admins_group in admin.groups.all()
    for email, *_, slug, _role in DEMO_USERS:
        employment = Employment.objects.for_organisation(Organisation.objects.get(slug=slug)).get(
            user__email=email
        )
        assert employment.status == Employment.Status.ACTIVE


def test_it_shows_a_learner_the_national_and_regional_courses(client):
    load(no_index=True)
    client.login(email="ansatt@kongsberg.kommune.no", password=DEMO_PASSWORD)
    page = client.get("/", HTTP_HOST="kongsberg.kurs.localhost").content.decode()
    for title in [*NATIONAL, "Velkommen som ny medarbeider i Kongsberg kommune"]:
        assert title in page
    assert "Dokumentasjon i hjemmetjenesten" not in page  # Sortland's own


def test_it_creates_nothing_twice():
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in [
                Page,
                Site,
                Topic,
                Group,
                Organisation,
                get_user_model(),
                get_media_model(),
                get_document_model(),
            ]
        } | {"Employment": Employment.objects.unscoped().count()}

    load()
    first = counts()
    load()
    assert counts() == first
