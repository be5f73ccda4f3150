"""The rules on answers."""

import pytest
from django.utils import translation

from submissions.answers import answer_problem, eligibility_problem, question_choices
from submissions.enums import QuestionKind
from submissions.models import Question


def _question(**fields) -> Question:
    return Question(pk=fields.pop("pk", 1), label_en="Q", **fields)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (QuestionKind.SHORT_TEXT, None, "This question needs an answer."),
        (QuestionKind.SHORT_TEXT, "Turn UP", None),
        (QuestionKind.CHECKBOX, None, "Please tick this box."),
        (QuestionKind.CHECKBOX, "yes", None),
        (QuestionKind.NUMBER, "abc", "Enter a number, e.g. 12 or 3.5."),
        (QuestionKind.NUMBER, 12, None),
        (QuestionKind.NUMBER, 3.5, None),
        (QuestionKind.URL, "turnup", "Enter a full web address, e.g. https://example.org."),
        (QuestionKind.URL, "https://turnup.example.org", None),
        (QuestionKind.DATE, "next week", "Enter a date."),
        (QuestionKind.DATE, "2026-03-01", None),
        (QuestionKind.MULTIPLE_CHOICE, [], "This question needs an answer."),
    ],
)
def test_answer_problem_by_kind(kind, value, expected):
    question = _question(kind=kind, required=True)

    assert answer_problem(question=question, value=value) == expected


def test_answer_problem_optional_empty_answer_is_fine():
    question = _question(kind=QuestionKind.NUMBER, required=False)

    assert answer_problem(question=question, value=None) is None


def test_answer_problem_long_text_outside_word_limits():
    question = _question(kind=QuestionKind.LONG_TEXT, min_words=3, max_words=5)

    too_short = answer_problem(question=question, value="two words")
    too_long = answer_problem(question=question, value="one two three four five six")
    right = answer_problem(question=question, value="one two three four")

    assert (too_short, too_long, right) == (
        "Write at least 3 words (now 2).",
        "Write at most 5 words (now 6).",
        None,
    )


def test_answer_problem_choice_not_offered():
    question = _question(kind=QuestionKind.SINGLE_CHOICE, choices_en="Student\nResearcher")

    assert answer_problem(question=question, value="Hacker") == "Choose from the options given."


def test_answer_problem_required_file_missing():
    question = _question(kind=QuestionKind.FILE, required=True)

    assert answer_problem(question=question, value=None, file_count=0) == "Please upload a file."
    assert answer_problem(question=question, value=None, file_count=1) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Student", None), ("Employee", "Only students can enter."), (None, None)],
)
def test_eligibility_problem_answer_outside_eligible_answers(value, expected):
    question = _question(
        kind=QuestionKind.SINGLE_CHOICE,
        choices_en="Student\nEmployee",
        is_eligibility=True,
        eligible_answers="Student",
        ineligible_message_en="Only students can enter.",
    )

    assert eligibility_problem(question=question, value=value) == expected


def test_question_choices_show_swedish_labels_and_keep_english_values():
    question = _question(
        kind=QuestionKind.SINGLE_CHOICE,
        choices_en="Student\nResearcher",
        choices_sv="Student\nForskare",
    )

    with translation.override("sv"):
        choices = question_choices(question)

    assert choices == [("Student", "Student"), ("Researcher", "Forskare")]
