import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtailmedia.models import Media

from courses.blocks import VideoBlock

from ..factories.courses import LessonPageFactory
from .conftest import visit

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nHei og velkommen.\n"


@pytest.fixture
def captions(db):
    return Document.objects.create(title="Teksting", file=ContentFile(VTT, name="film.vtt"))


@pytest.fixture
def film(db):
    return Media.objects.create(
        title="Nettfisking på 60 sekunder",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="film.mp4"),
        type="video",
        width=640,
        height=360,
    )


def video_block(film, captions, transcript="<p>Hei og velkommen.</p>"):
    return {
        "type": "video",
        "value": {
            "video": film.pk,
            "captions": captions.pk,
            "captions_language": "nb",
            "transcript": transcript,
        },
    }


def test_it_plays_the_film_in_a_native_player_with_captions_on(client, sector, film, captions):
    lesson = LessonPageFactory(parent=sector.national, body=[video_block(film, captions)])
    html = visit(client, lesson).text
    assert '<video controls preload="metadata"' in html
    assert f'<source src="{film.url}" type="video/mp4">' in html
    captions_url = reverse("courses:captions", args=[lesson.pk, captions.pk])
    assert (
        f'<track kind="captions" src="{captions_url}" srclang="nb" label="Norsk bokmål" default>'
        in html
    )
    assert "<summary>Vis transkripsjon</summary>" in html


def test_it_serves_captions_as_webvtt(client, sector, film, captions):
    lesson = LessonPageFactory(parent=sector.national, body=[video_block(film, captions)])
    response = client.get(reverse("courses:captions", args=[lesson.pk, captions.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    # KS's national course is open to everyone, and so are its films and captions.
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).decode() == VTT


def test_it_serves_only_captions_the_lesson_uses(client, sector, film, captions):
    lesson = LessonPageFactory(parent=sector.national, body=[video_block(film, captions)])
    other = Document.objects.create(title="Annen", file=ContentFile(VTT, name="annen.vtt"))
    pdf = Document.objects.create(title="Rutine", file=ContentFile(b"%PDF-1.4", name="rutine.pdf"))
    for document in (other, pdf):
        url = reverse("courses:captions", args=[lesson.pk, document.pk])
        assert client.get(url).status_code == 404


def test_it_keeps_captions_of_unshared_courses_from_other_organisations(
    client, sector, film, captions
):
    lesson = LessonPageFactory(parent=sector.sortland_own, body=[video_block(film, captions)])
    url = reverse("courses:captions", args=[lesson.pk, captions.pk])
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(sector.charlie)  # Kongsberg: not shared with him
    assert client.get(url).status_code == 404
    client.force_login(sector.alice)  # Sortland's own employee
    response = client.get(url)
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).decode() == VTT


def test_it_refuses_captions_that_are_not_webvtt(film):
    srt = Document.objects.create(title="SRT", file=ContentFile("1\n", name="film.srt"))
    block = VideoBlock()
    value = block.to_python({"video": film.pk, "captions": srt.pk, "captions_language": "nb"})
    with pytest.raises(ValidationError):
        block.clean(value)
