"""The rules on answers, pure: what each question's answer must be at submit, which answers make
an entry ineligible, and how questions and answers are named and shown. Forms, services,
selectors and exports all read them from here, so each rule is written once."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from submissions.enums import QuestionKind
from submissions.models import Question


@dataclass(frozen=True)
class Problem:
    """Something that stops an entry from being submitted, with the link to fix it."""

    anchor: str
    label: str
    message: str


def question_field_name(question: Question) -> str:
    return f"q_{question.pk}"


def question_anchor(question: Question) -> str:
    """The id of the question's block on the edit page, for "missing" links."""
    return f"question-{question.pk}"


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def question_choices(question: Question) -> list[tuple[str, str]]:
    """(stored value, label) pairs: the English choice is stored, the label is translated."""
    values = lines(question.choices_en)
    labels = values
    if (get_language() or "").startswith("sv"):
        swedish = lines(question.choices_sv)
        if len(swedish) == len(values):
            labels = swedish
    return list(zip(values, labels, strict=True))


def word_count(text) -> int:
    return len(re.findall(r"\S+", text)) if isinstance(text, str) else 0


def answer_is_empty(value) -> bool:
    return value is None or value == "" or value == []


def answer_as_text(value) -> str:
    """A stored answer as one line of text, for organisers' pages and the export."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def answer_problem(*, question: Question, value, file_count: int = 0) -> str | None:
    """What is wrong with one answer at submit, or None."""
    kind = question.kind
    if kind == QuestionKind.FILE:
        if question.required and file_count == 0:
            return _("Please upload a file.")
        return None
    if answer_is_empty(value):
        if not question.required:
            return None
        if kind == QuestionKind.CHECKBOX:
            return _("Please tick this box.")
        return _("This question needs an answer.")
    if kind == QuestionKind.LONG_TEXT:
        count = word_count(value)
        if question.min_words and count < question.min_words:
            return ngettext(
                "Write at least %(min)d word (now %(count)d).",
                "Write at least %(min)d words (now %(count)d).",
                question.min_words,
            ) % {"min": question.min_words, "count": count}
        if question.max_words and count > question.max_words:
            return ngettext(
                "Write at most %(max)d word (now %(count)d).",
                "Write at most %(max)d words (now %(count)d).",
                question.max_words,
            ) % {"max": question.max_words, "count": count}
    elif kind == QuestionKind.NUMBER:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return _("Enter a number, e.g. 12 or 3.5.")
    elif kind == QuestionKind.URL:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            return _("Enter a full web address, e.g. https://example.org.")
    elif kind == QuestionKind.DATE:
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("Enter a date.")
    elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        chosen = value if isinstance(value, list) else [value]
        if not set(chosen) <= set(lines(question.choices_en)):
            return _("Choose from the options given.")
    return None


def eligibility_problem(*, question: Question, value) -> str | None:
    """The question's ineligibility message when the answer makes the entry ineligible."""
    if not question.is_eligibility or answer_is_empty(value):
        return None
    eligible = set(lines(question.eligible_answers))
    chosen = value if isinstance(value, list) else [value]
    if all(str(answer) in eligible for answer in chosen):
        return None
    return question.ineligible_message or _("This answer makes the entry ineligible.")
