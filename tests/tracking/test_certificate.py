"""Certificates: the owner downloads a PDF that says who did what; anyone else
gets 404; a stranger can check a code and learns only name, course,
organisation and date."""

import io

import pytest
from pypdf import PdfReader

from django.core.cache import cache
from django.test import Client

from learning.tracking.models import Certificate

from .core_world import build_world, grade, read, send, statement
from .learner_helpers import folded

pytestmark = pytest.mark.django_db

LENGTH = "https://w3id.org/xapi/video/extensions/length"


@pytest.fixture
def world(db):
    cache.clear()
    world = build_world(certificate=True)
    world.alice.first_name, world.alice.last_name = "Alice", "Aune"
    world.alice.save()
    client = signed_in(world.alice)
    first, second, quiz = world.lessons
    film = statement(world.alice, second, "film-1", "paused", segments=[[0, 6]])
    film["result"]["extensions"][LENGTH] = 6
    with folded(world):
        assert (
            send(client, [read(world.alice, first), read(world.alice, second), film]).status_code
            == 202
        )
        assert grade(client, quiz).status_code == 200
    world.certificate = Certificate.objects.for_organisation(world.sortland).get()
    return world


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def pdf_url(certificate):
    return f"/laering/kursbevis/{certificate.code}.pdf"


def test_the_owner_finds_it_on_min_laering_and_downloads_it(world):
    alice = signed_in(world.alice)
    html = alice.get("/laering/").content.decode()
    assert f'href="{pdf_url(world.certificate)}"' in html

    response = alice.get(pdf_url(world.certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Alice Aune",
        "Informasjonssikkerhet i hverdagen",
        "Sortland",
        world.certificate.code,
    ):
        assert expected in text


def test_the_course_page_offers_it_once_complete(world):
    alice = signed_in(world.alice)
    host = {"host": "sortland.kurs.localhost"}
    html = alice.get("/informasjonssikkerhet-i-hverdagen/", headers=host).content.decode()
    assert "Fullført" in html
    assert f'href="{pdf_url(world.certificate)}"' in html


def test_charlie_gets_404_for_alices_certificate(world):
    assert signed_in(world.charlie).get(pdf_url(world.certificate)).status_code == 404


def test_bob_from_the_same_municipality_gets_404_too(world):
    assert signed_in(world.bob).get(pdf_url(world.certificate)).status_code == 404


def test_anonymous_people_are_asked_to_sign_in_first(world):
    response = Client().get(pdf_url(world.certificate))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/?next=")


def test_a_stranger_verifies_the_code_and_sees_only_name_course_organisation_date(world):
    response = Client().get(f"/laering/kursbevis/{world.certificate.code}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kursbeviset er ekte." in html
    for expected in ("Alice Aune", "Informasjonssikkerhet i hverdagen", "Sortland"):
        assert expected in html
    assert world.alice.email not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_the_verification_form_leads_to_the_code(world):
    response = Client().get("/laering/kursbevis/", {"kode": f" {world.certificate.code} "})
    assert response.status_code == 302
    assert response["Location"] == f"/laering/kursbevis/{world.certificate.code}/"


@pytest.mark.parametrize("code", ["finnes-ikke-1234567890", "x'); DROP TABLE--"])
def test_an_unknown_code_shows_nothing(world, code):
    response = Client().get("/laering/kursbevis/", {"kode": code}, follow=True)

    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi fant ikke noe kursbevis med denne koden." in html
    assert "Alice" not in html


def test_codes_are_not_guessable(world):
    # 16 random bytes, URL-safe: about 128 bits.
    assert len(world.certificate.code) >= 22
