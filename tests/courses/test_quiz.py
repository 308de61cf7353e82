import json

import pytest

from django.urls import reverse

from courses.grading import QuestionResult, QuizResult

from .conftest import page_address, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(sector):
    return sector.lessons[sector.national.slug][0]


def grade_url(lesson, quiz_id="quiz-1"):
    return reverse("courses:grade_quiz", args=[lesson.pk, quiz_id])


def post_json(client, lesson, body, quiz_id="quiz-1"):
    data = body if isinstance(body, str) else json.dumps(body)
    _, host = page_address(lesson)  # posted from the lesson page, on its site
    return client.post(
        grade_url(lesson, quiz_id), data, content_type="application/json", headers={"host": host}
    )


def test_it_renders_questions_without_revealing_the_answers(client, lesson):
    html = visit(client, lesson).text
    assert html.count("<legend>") == 2
    assert 'name="q-q-single"' in html and 'type="radio"' in html
    assert 'name="q-q-multi"' in html and 'type="checkbox"' in html
    assert 'value="c-right"' in html
    assert "correct" not in html.lower()
    assert "Bra, slik holder du dataene trygge." not in html  # feedback comes after grading
    assert "Lengde slår kompleksitet." not in html  # so does the explanation


def test_it_grades_a_perfect_submission(client, lesson):
    response = post_json(
        client, lesson, {"answers": {"q-single": ["c-right"], "q-multi": ["c-a", "c-b"]}}
    )
    assert response.status_code == 200
    result = response.json()
    assert result["score"] == 100
    assert result["passed"] is True
    assert result["pass_mark"] == 50
    assert [(q["id"], q["correct"]) for q in result["questions"]] == [
        ("q-single", True),
        ("q-multi", True),
    ]
    assert result["questions"][0]["feedback"] == ["Bra, slik holder du dataene trygge."]
    assert result["questions"][1]["explanation"] == "Lengde slår kompleksitet."


def test_it_needs_every_right_choice_and_no_wrong_one_on_a_multiple_choice_question(client, lesson):
    response = post_json(
        client, lesson, {"answers": {"q-single": ["c-wrong"], "q-multi": ["c-a", "c-b", "c-c"]}}
    )
    result = response.json()
    assert result["score"] == 0
    assert result["passed"] is False
    assert result["questions"][0]["feedback"] == ["Da kan hvem som helst lese e-posten din."]
    assert result["questions"][1]["feedback"] == ["Det finner andre fort ut."]
    response = post_json(client, lesson, {"answers": {"q-single": ["c-right"], "q-multi": ["c-a"]}})
    assert response.json()["score"] == 50
    assert response.json()["passed"] is True  # the pass mark is 50 %


def test_it_counts_an_unanswered_question_as_wrong(client, lesson):
    result = post_json(client, lesson, {"answers": {"q-single": ["c-right"]}}).json()
    assert result["questions"][1] == {
        "id": "q-multi",
        "correct": False,
        "answered": False,
        "feedback": [],
        "explanation": "",  # it would give the answer away
    }
    assert result["questions"][0]["explanation"]  # the answered one is explained


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "ikke gyldig JSON"),
        ([1, 2], "«answers»"),
        ({"svar": {}}, "«answers»"),
        ({"answers": {"q-single": 3}}, "q-single"),
        ({"answers": {"q-ukjent": ["c-right"]}}, "q-ukjent"),
        ({"answers": {"q-single": ["c-a"]}}, "c-a"),
        ({"answers": {"q-single": ["c-right", "c-wrong"]}}, "bare ett riktig svar"),
        ("[" * 100_000 + "]" * 100_000, "ikke gyldig JSON"),
    ],
)
def test_it_rejects_a_bad_submission_with_a_message(client, lesson, body, message):
    response = post_json(client, lesson, body)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_it_answers_404_for_an_unknown_lesson_or_quiz(client, lesson, sector):
    answers = {"answers": {}}
    assert post_json(client, lesson, answers, quiz_id="finnes-ikke").status_code == 404
    course = sector.national
    response = client.post(
        reverse("courses:grade_quiz", args=[course.pk, "quiz-1"]),
        json.dumps(answers),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_grades_a_plain_form_post_without_javascript(client, lesson):
    response = client.post(grade_url(lesson), {"q-q-single": "c-right", "q-q-multi": ["c-a"]})
    assert response.status_code == 200
    assert "Bestått!" in response.text
    assert "Du hadde 1 av 2 riktige (50 %)" in response.text
    assert "Bra, slik holder du dataene trygge." in response.text
    assert "Tilbake til leksjonen" in response.text


def test_it_explains_a_bad_form_post(client, lesson):
    response = client.post(grade_url(lesson), {"q-q-single": ["c-right", "c-wrong"]})
    assert response.status_code == 400
    assert "bare ett riktig svar" in response.text


def test_it_refuses_to_grade_for_charlie_when_the_course_is_not_shared_with_him(client, sector):
    client.force_login(sector.charlie)
    lesson = sector.lessons[sector.sortland_own.slug][0]
    response = post_json(client, lesson, {"answers": {"q-single": ["c-right"]}})
    assert response.status_code == 404


def test_it_grades_for_an_employee_of_an_organisation_the_course_is_shared_with(client, sector):
    client.force_login(sector.alice)
    lesson = sector.lessons[sector.regional.slug][0]
    response = post_json(client, lesson, {"answers": {"q-single": ["c-right"]}})
    assert response.status_code == 200


def test_it_asks_visitors_to_sign_in_before_grading_a_restricted_course(client, sector):
    lesson = sector.lessons[sector.sortland_own.slug][0]
    assert post_json(client, lesson, {"answers": {}}).status_code == 401


def test_it_refuses_answers_sent_as_neither_form_nor_json(client, lesson):
    _, host = page_address(lesson)
    response = client.post(
        grade_url(lesson), "q-single=c-right", content_type="text/plain", headers={"host": host}
    )
    assert response.status_code == 400
    assert "som et skjema eller som JSON" in response.text


def test_it_does_not_round_a_score_up_past_the_pass_mark():
    two_of_three = [
        QuestionResult(
            id=str(n), text="", correct=n < 2, answered=True, feedback=[], explanation=""
        )
        for n in range(3)
    ]
    assert not QuizResult(score=67, pass_mark=67, questions=two_of_three).passed
    assert QuizResult(score=67, pass_mark=66, questions=two_of_three).passed


def test_each_visitor_gets_a_quiz_form_their_own_browser_can_send(lesson):
    """The lesson body is rendered once and kept; the quiz form's CSRF token
    is still each visitor's own, so the form sent without JavaScript works
    for both, and neither page carries the other's token."""
    import re

    from django.test import Client

    tokens = []
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        path, host = page_address(lesson)
        html = browser.get(path, headers={"host": host}).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        tokens.append(token)
        answered = browser.post(
            grade_url(lesson),
            {"q-q-single": "c-right", "q-q-multi": ["c-a"], "csrfmiddlewaretoken": token},
            headers={"host": host},
        )
        assert answered.status_code == 200, answered.text[:300]
        assert "Bestått!" in answered.text
    assert tokens[0] != tokens[1]
    assert "placeholder" not in html
