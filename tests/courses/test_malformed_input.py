"""Input no person types but anyone can send: a 4xx or an ordinary page, never a 500."""

import pytest

from .conftest import page_address

pytestmark = pytest.mark.django_db

TOO_BIG = "9" * 30  # beyond a 64-bit integer: SQLite raised OverflowError


def test_it_searches_the_catalogue_for_a_nul_character(client, sector):
    # PostgreSQL refuses NUL in a string: search and fallback both raised.
    path, host = page_address(sector.sortland.root_page)
    response = client.get(path, {"q": "svar\x00ut"}, headers={"host": host})
    assert response.status_code == 200
    assert "Vi fant ingen kurs" in response.text


def test_it_answers_404_for_a_quiz_of_a_lesson_id_beyond_64_bits(client, sector):
    response = client.post(
        f"/kurs/quiz/{TOO_BIG}/quiz-1/", data={"q-1": "a"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_it_answers_404_for_captions_with_ids_beyond_64_bits(client, sector):
    lesson = sector.lessons[sector.national.slug][0]
    assert client.get(f"/kurs/teksting/{TOO_BIG}/1.vtt").status_code == 404
    assert client.get(f"/kurs/teksting/{lesson.pk}/{TOO_BIG}.vtt").status_code == 404
