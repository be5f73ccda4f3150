"""An entry's content, as an EntryVersion keeps it, in rows to show on the review and version
pages."""

from django.utils.translation import gettext as _

from submissions.answers import question_anchor, question_choices
from submissions.enums import QuestionKind


def content_rows(*, content: dict, questions) -> list[dict]:
    """Rows (label, value or list of values) to show an entry's content, in the question order,
    with labels and choices in the current language where the question still exists."""
    by_id = {question.pk: question for question in questions}
    answers = {answer["question"]: answer for answer in content["answers"]}
    files: dict[int | None, list[str]] = {}
    for attachment in content["attachments"]:
        files.setdefault(attachment["question"], []).append(attachment["name"])
    rows = []
    ordered = [q.pk for q in questions] + [pk for pk in answers if pk not in by_id]
    for pk in ordered:
        question = by_id.get(pk)
        if question is not None and question.kind == QuestionKind.FILE:
            rows.append({"label": question.label, "values": files.get(pk, [])})
            continue
        if pk not in answers:
            continue
        value = answers[pk]["value"]
        if question is not None and question.kind in (
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
        ):
            labels = dict(question_choices(question))
            values = value if isinstance(value, list) else [value] if value else []
            value = [labels.get(choice, choice) for choice in values]
        elif question is not None and question.kind == QuestionKind.CHECKBOX:
            value = _("Yes") if value == "yes" else None
        rows.append(
            {
                "label": question.label if question else answers[pk]["label"],
                "anchor": question_anchor(question) if question else "",
                "values": value if isinstance(value, list) else [] if value is None else [value],
                "long": question is not None and question.kind == QuestionKind.LONG_TEXT,
            }
        )
    return rows
