"""Reads of entries."""

import pytest

from submissions.enums import QuestionKind
from submissions.selectors import entry_problems
from tests.factories import AnswerFactory, EntryFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_entry_problems_lists_missing_and_ineligible_answers_with_anchors(category):
    required = QuestionFactory(category=category, label_en="Team size", required=True)
    eligibility = QuestionFactory(
        category=category,
        kind=QuestionKind.SINGLE_CHOICE,
        choices_en="Student\nEmployee",
        is_eligibility=True,
        eligible_answers="Student",
        ineligible_message_en="Only students can enter.",
    )
    entry = EntryFactory(category=category, title="", pitch="Pitch")
    AnswerFactory(entry=entry, question=eligibility, value="Employee")

    problems = entry_problems(entry=entry)

    assert [(p.anchor, p.message) for p in problems] == [
        ("question-title", "Give your entry a title."),
        (f"question-{required.pk}", "This question needs an answer."),
        (f"question-{eligibility.pk}", "Only students can enter."),
    ]
