"""CSV exports that open safely in Excel and LibreOffice (the writer is reusable by any app), and
the organisers' export of an edition's entries."""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from awards.models import Edition
from submissions.answers import answer_as_text
from submissions.enums import QuestionKind
from submissions.models import Answer, Attachment, Entry, Question, TeamMember

EXPORT_CHUNK_SIZE = 500

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def csv_cell_neutralise(value) -> str:
    """The value as text, with a leading `'` when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming csv rows."""

    def write(self, value):
        return value


def csv_stream(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines for `rows`, the first preceded by a byte order mark so Excel reads UTF-8;
    every cell neutralised. Feed it to a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow([csv_cell_neutralise(cell) for cell in row])


def entry_export_rows(*, edition: Edition, entries: QuerySet[Entry]) -> Iterator[list]:
    """The CSV's rows: a header, then one row per entry with one column per question.

    Answers and files come in by prefetch per chunk of entries, so the export runs a number
    of queries proportional to entries / EXPORT_CHUNK_SIZE, never to answers.
    """
    questions = list(
        Question.objects.filter(category__edition=edition)
        .select_related("category")
        .order_by("category__position", "category__code", "position", "pk")
    )
    yield _export_header(questions)
    entries = entries.prefetch_related(
        Prefetch("answers", queryset=Answer.objects.only("entry_id", "question_id", "value")),
        Prefetch(
            "attachments",
            queryset=Attachment.objects.only("entry_id", "question_id", "original_name"),
        ),
        Prefetch("team", queryset=TeamMember.objects.select_related("user")),
    )
    for entry in entries.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        yield _export_row(entry, questions)


def _export_header(questions: list[Question]) -> list[str]:
    several_categories = len({q.category_id for q in questions}) > 1
    return [
        str(_("Reference")),
        str(_("Category")),
        str(_("Title")),
        str(_("Status")),
        str(_("Eligibility")),
        str(_("Reason for ineligibility")),
        str(_("Owner email")),
        str(_("Owner name")),
        str(_("Organisation")),
        str(_("Team")),
        str(_("Submitted")),
        str(_("Short pitch")),
        *[
            f"{q.category.code}: {q.label_en}" if several_categories else q.label_en
            for q in questions
        ],
    ]


def _export_row(entry: Entry, questions: list[Question]) -> list:
    """One entry's row, from its prefetched answers, files and team."""
    answers = {answer.question_id: answer.value for answer in entry.answers.all()}
    files: dict[int, list[str]] = {}
    for attachment in entry.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment.original_name)
    return [
        entry.reference or "",
        entry.category.code,
        entry.title,
        entry.get_status_display(),
        entry.get_eligibility_display(),
        entry.ineligible_reason,
        entry.owner.email if entry.owner else "",
        entry.owner.display_name if entry.owner else "",
        entry.organisation,
        "; ".join(member.user.email for member in entry.team.all()),
        entry.submitted_at.isoformat() if entry.submitted_at else "",
        entry.pitch,
        *[
            # Answers and files an entry kept from before it moved to another category
            # belong to questions its category no longer asks: they stay out of the export.
            ""
            if q.category_id != entry.category_id
            else "; ".join(files.get(q.pk, []))
            if q.kind == QuestionKind.FILE
            else answer_as_text(answers.get(q.pk))
            for q in questions
        ],
    ]
