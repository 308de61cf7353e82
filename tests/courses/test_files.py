"""Uploaded files follow the page that uses them (courses.files).

Sortland's own course (for Sortland's employees only) shows a picture, a film
with captions and a document. Alice works in Sortland; Charlie works in
Kongsberg and "should have no access to" them, no more than a stranger.
"""

import re

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtailmedia.models import Media

from ..factories.accounts import UserFactory
from ..factories.courses import LessonPageFactory
from .conftest import visit

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves the SpooledTemporaryFile it renders a rendition into for
    # the garbage collector (wagtail/images/models.py, generate_rendition_file).
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
]

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nVelkommen til Sortland.\n"


def uploads(organisation):
    collection = organisation.collection
    return {
        "image": Image.objects.create(
            title="Rådhuset", file=get_test_image_file(), collection=collection
        ),
        "film": Media.objects.create(
            title="Velkommen til Sortland",
            file=ContentFile(MP4, name="velkommen.mp4"),
            type="video",
            collection=collection,
        ),
        "captions": Document.objects.create(
            title="Teksting",
            file=ContentFile(VTT, name="velkommen.vtt"),
            collection=collection,
        ),
        "document": Document.objects.create(
            title="Personalhåndbok",
            file=ContentFile(b"%PDF-1.4 hemmelig", name="personalhandbok.pdf"),
            collection=collection,
        ),
    }


def lesson_with(course, files):
    return LessonPageFactory(
        parent=course,
        title="Velkommen",
        body=[
            {
                "type": "image",
                "value": {"image": files["image"].pk, "alt_text": "Rådhuset", "caption": ""},
            },
            {
                "type": "video",
                "value": {
                    "video": files["film"].pk,
                    "captions": files["captions"].pk,
                    "captions_language": "nb",
                    "transcript": "",
                },
            },
            {"type": "document", "value": {"document": files["document"].pk, "title": ""}},
        ],
    )


def file_urls(client, lesson):
    """The addresses of the lesson's picture, film, captions and document, as
    its page links to them."""
    html = visit(client, lesson).text
    urls = {
        "image": re.search(r'<img[^>]* src="([^"]+)"', html).group(1),
        "film": re.search(r'<source src="([^"]+)"', html).group(1),
        "captions": re.search(r'<track kind="captions" src="([^"]+)"', html).group(1),
        "document": re.search(r'<a href="([^"]+)" download>', html).group(1),
    }
    assert all(url.startswith(("/media/", "/kurs/teksting/")) for url in urls.values()), urls
    return urls


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        # Reading it all closes the file (the test client closes the response).
        response.content_bytes = b"".join(response.streaming_content)
    return response


@pytest.fixture
def own_lesson(sector):
    return lesson_with(sector.sortland_own, uploads(sector.sortland))


@pytest.fixture
def urls(client, sector, own_lesson):
    client.force_login(sector.alice)
    urls = file_urls(client, own_lesson)
    client.logout()
    return urls


def test_it_gives_a_learner_the_files_of_her_own_organisations_course(client, sector, urls):
    client.force_login(sector.alice)
    for name, url in urls.items():
        response = fetch(client, url)
        assert response.status_code == 200, name
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, max-age=3600", name
    assert fetch(client, urls["film"])["Content-Type"] == "video/mp4"
    assert fetch(client, urls["film"]).content_bytes == MP4
    assert fetch(client, urls["captions"]).content_bytes.decode() == VTT
    assert fetch(client, urls["image"])["Content-Type"] == "image/webp"
    document = fetch(client, urls["document"])
    assert document["Content-Type"] == "application/pdf"
    assert document.content_bytes == b"%PDF-1.4 hemmelig"


def test_it_refuses_the_files_of_an_own_course_to_another_municipality(client, sector, urls):
    client.force_login(sector.charlie)
    for name, url in urls.items():
        assert fetch(client, url).status_code == 404, name


def test_it_refuses_the_files_of_an_own_course_to_strangers(client, urls):
    for name, url in urls.items():
        response = fetch(client, url)
        assert response.status_code == 404, name
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_it_shows_the_cover_of_an_own_course_only_to_its_organisation(client, sector):
    course = sector.sortland_own
    course.cover_image = Image.objects.create(
        title="Forside", file=get_test_image_file(), collection=sector.sortland.collection
    )
    course.cover_alt = "Sortland sentrum"
    course.save_revision().publish()
    client.force_login(sector.alice)
    html = visit(client, course).text
    url = re.search(r'<img[^>]* src="([^"]+)"', html).group(1)
    assert fetch(client, url).status_code == 200
    client.force_login(sector.charlie)
    assert fetch(client, url).status_code == 404
    client.logout()
    assert fetch(client, url).status_code == 404


def test_it_refuses_wagtails_document_address_by_id_to_strangers(client, sector, own_lesson):
    document = Document.objects.get(title="Personalhåndbok")
    url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    assert url == f"/dokumenter/{document.pk}/personalhandbok.pdf"
    assert client.get(url).status_code == 404
    client.force_login(sector.charlie)
    assert client.get(url).status_code == 404
    client.force_login(sector.alice)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == document.file.url


def test_it_serves_the_files_of_a_course_open_to_everyone_to_anyone(client, sector):
    lesson = lesson_with(sector.national, uploads(sector.ks))
    urls = file_urls(client, lesson)
    for name, url in urls.items():
        response = fetch(client, url)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "public, max-age=3600", name
        assert response["X-Content-Type-Options"] == "nosniff"


def test_it_stops_serving_a_file_to_strangers_once_its_course_is_no_longer_open(client, sector):
    lesson = lesson_with(sector.national, uploads(sector.ks))
    url = file_urls(client, lesson)["film"]
    assert fetch(client, url).status_code == 200
    sector.national.sharing = sector.national.Sharing.OWN
    sector.national.save_revision().publish()
    assert fetch(client, url).status_code == 404


def test_it_serves_files_to_editors_of_their_collection_before_any_page_uses_them(client, sector):
    files = uploads(sector.sortland)
    urls = [
        files["image"].file.url,
        files["image"].get_rendition("max-165x165").url,  # the admin's thumbnail
        files["film"].url,
        files["document"].url,
    ]
    editor = UserFactory(email="redaktor@sortland.kommune.no")
    editor.groups.add(sector.sortland.editors_group)
    other_editor = UserFactory(email="redaktor@kongsberg.kommune.no")
    other_editor.groups.add(sector.kongsberg.editors_group)

    for url in urls:
        assert fetch(client, url).status_code == 404, url
    client.force_login(other_editor)
    for url in urls:
        assert fetch(client, url).status_code == 404, url
    client.force_login(editor)
    for url in urls:
        assert fetch(client, url).status_code == 200, url


def test_it_follows_the_published_page_not_a_draft(client, sector):
    """A file is public only once a page open to everyone has published it."""
    files = uploads(sector.sortland)
    lesson = LessonPageFactory(parent=sector.national, title="Offentlig leksjon")
    lesson.body = [{"type": "document", "value": {"document": files["document"].pk}}]
    lesson.save_revision()
    url = files["document"].file.url
    assert fetch(client, url).status_code == 404
    lesson.get_latest_revision().publish()
    assert fetch(client, url).status_code == 200


def test_it_stores_uploads_under_names_nobody_can_guess(sector):
    files = uploads(sector.sortland)
    again = Document.objects.create(
        title="Samme navn", file=ContentFile(b"%PDF-1.4", name="personalhandbok.pdf")
    )
    name = files["document"].file.name
    assert re.fullmatch(r"documents/[A-Za-z0-9_-]{22}/personalhandbok\.pdf", name)
    assert again.file.name != name and again.filename == "personalhandbok.pdf"
    assert re.fullmatch(r"media/[A-Za-z0-9_-]{22}/velkommen\.mp4", files["film"].file.name)
    assert files["document"].url == f"/media/{name}"


def test_it_serves_nothing_under_media_that_no_upload_owns(client):
    name = default_storage.save("documents/loose.html", ContentFile(b"<script>alert(1)</script>"))
    try:
        assert fetch(client, f"/media/{name}").status_code == 404
        assert fetch(client, "/media/../manage.py").status_code == 404
    finally:
        default_storage.delete(name)


def test_it_never_sends_an_upload_as_html(client, sector):
    lesson = LessonPageFactory(parent=sector.national)
    document = Document.objects.create(
        title="Notat", file=ContentFile(b"<script>alert(1)</script>", name="notat.txt")
    )
    lesson.body = [{"type": "document", "value": {"document": document.pk}}]
    lesson.save_revision().publish()
    response = fetch(client, document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_it_leaves_sending_the_file_to_nginx_in_production(client, sector, urls, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = True
    film = Media.objects.get(title="Velkommen til Sortland")
    assert client.get(urls["film"]).status_code == 404  # still Django's decision
    client.force_login(sector.alice)
    response = client.get(urls["film"])
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/internal-media/{film.file.name}"
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


class TestMediaUpload:
    @pytest.fixture
    def editor(self, client, sector):
        editor = UserFactory(email="redaktor@sortland.kommune.no")
        editor.groups.add(sector.sortland.editors_group)
        client.force_login(editor)
        return editor

    def upload(self, client, sector, name, content):
        return client.post(
            reverse("wagtailmedia:add", args=["video"]),
            {
                "title": "Velkomstfilm",
                "file": SimpleUploadedFile(name, content, content_type="video/mp4"),
                "collection": sector.sortland.collection.pk,
                "duration": "60",
            },
        )

    def test_it_refuses_a_web_page_named_as_a_film(self, client, sector, editor):
        html = b"<!doctype html><script>fetch('/admin/')</script>"
        response = self.upload(client, sector, "evil.mp4", html)
        assert response.status_code == 200
        assert "Filen er ikke en video- eller lydfil." in response.text
        assert not Media.objects.exists()

    def test_it_accepts_a_real_film(self, client, sector, editor):
        response = self.upload(client, sector, "velkommen.mp4", MP4)
        assert response.status_code == 302
        film = Media.objects.get()
        assert film.collection == sector.sortland.collection
        assert fetch(client, film.url).content_bytes == MP4
