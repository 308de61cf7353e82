"""Scoring a quiz on the server, so correct answers never reach the browser.

A submission names questions and choices by their block ids:
`{"<question id>": ["<choice id>", ...], ...}`. A question left out counts as
answered wrongly; a question or choice the quiz does not have is an error.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .blocks import QuestionBlock


class SubmissionError(ValueError):
    """The submission does not fit the quiz; the message says why, for the learner."""


@dataclass
class QuestionResult:
    id: str
    text: str
    correct: bool
    answered: bool
    feedback: list[str] = field(default_factory=list)
    explanation: str = ""

    def as_dict(self):
        return {
            "id": self.id,
            "correct": self.correct,
            "answered": self.answered,
            "feedback": self.feedback,
            "explanation": self.explanation,
        }


@dataclass
class QuizResult:
    score: int  # percent of questions answered correctly
    pass_mark: int
    questions: list[QuestionResult]

    @property
    def passed(self):
        # Compare exact counts: a rounded 66.7 % must not pass a 67 % mark.
        return self.correct_count * 100 >= self.pass_mark * len(self.questions)

    @property
    def correct_count(self):
        return sum(1 for q in self.questions if q.correct)

    def as_dict(self):
        return {
            "score": self.score,
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "correct": self.correct_count,
            "total": len(self.questions),
            "questions": [q.as_dict() for q in self.questions],
        }


def find_quiz(lesson, quiz_id):
    """The quiz block with this id on the lesson, or None."""
    return next((child for child in lesson.quiz_blocks() if child.id == quiz_id), None)


def parse_answers(data):
    """Check the shape of a JSON submission: {"answers": {str: [str, ...]}}."""
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise SubmissionError(_("Svaret må være et objekt med feltet «answers»."))
    answers = {}
    for question_id, choice_ids in data["answers"].items():
        if isinstance(choice_ids, str):
            choice_ids = [choice_ids]
        if not isinstance(choice_ids, list) or not all(isinstance(c, str) for c in choice_ids):
            raise SubmissionError(
                _("Svaret på spørsmål %(id)s må være en liste med svaralternativer.")
                % {"id": question_id}
            )
        answers[question_id] = choice_ids
    return answers


def grade(quiz_value, answers):
    """Score `answers` against a quiz block's value. Raises SubmissionError
    for an unknown question or choice id, or several choices on a
    single-choice question. Pure: safe to call any number of times."""
    questions = {bound.id: bound.value for bound in quiz_value["questions"].bound_blocks}
    for question_id in answers:
        if question_id not in questions:
            raise SubmissionError(
                _("Quizen har ikke noe spørsmål med id %(id)s.") % {"id": question_id}
            )

    results = []
    for question_id, question in questions.items():
        choices = {bound.id: bound.value for bound in question["choices"].bound_blocks}
        chosen = list(dict.fromkeys(answers.get(question_id, [])))
        for choice_id in chosen:
            if choice_id not in choices:
                raise SubmissionError(
                    _("Spørsmålet «%(question)s» har ikke noe svaralternativ med id %(id)s.")
                    % {"question": question["text"], "id": choice_id}
                )
        if question["kind"] == QuestionBlock.Kind.SINGLE and len(chosen) > 1:
            raise SubmissionError(
                _("Spørsmålet «%(question)s» har bare ett riktig svar. Velg ett alternativ.")
                % {"question": question["text"]}
            )
        right = {cid for cid, choice in choices.items() if choice["correct"]}
        results.append(
            QuestionResult(
                id=question_id,
                text=question["text"],
                correct=bool(chosen) and set(chosen) == right,
                answered=bool(chosen),
                feedback=[choices[cid]["feedback"] for cid in chosen if choices[cid]["feedback"]],
                # The explanation usually gives the answer away: only once answered.
                explanation=(question["explanation"] or "") if chosen else "",
            )
        )

    total = len(results)
    correct = sum(1 for r in results if r.correct)
    score = round(100 * correct / total) if total else 0
    return QuizResult(score=score, pass_mark=quiz_value["pass_mark"], questions=results)
