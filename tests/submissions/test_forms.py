"""The entry form."""

from submissions.enums import QuestionKind
from submissions.forms import EntryForm
from submissions.models import Question


def _question(**fields) -> Question:
    return Question(pk=fields.pop("pk", 1), label_en="Q", **fields)


def test_entry_form_keeps_malformed_number_as_typed():
    number = _question(pk=7, kind=QuestionKind.NUMBER)
    consent = _question(pk=8, kind=QuestionKind.CHECKBOX)
    form = EntryForm(
        {"title": "Turn UP", "pitch": "", "organisation": "", "revision": "0", "q_7": "abc"},
        questions=[number, consent],
    )

    assert form.is_valid(), form.errors
    assert form.answer_values() == {7: "abc", 8: None}


def test_entry_form_stores_numbers_as_numbers():
    number = _question(pk=7, kind=QuestionKind.NUMBER)
    form = EntryForm({"revision": "0", "q_7": "3,5"}, questions=[number])

    assert form.is_valid(), form.errors
    assert form.answer_values() == {7: 3.5}
