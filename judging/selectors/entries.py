"""An entry as the jury reads it: its latest submitted version, identity removed when blind, and
the files that version names."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from submissions.enums import QuestionKind
from submissions.models import Attachment, EntryVersion, Question


def latest_version_field(key: str, *, entry: str = "entry") -> Subquery:
    """A field of the content of the latest version of the entry at `entry` (the outer query's
    entry id): what the jury reads, not the draft."""
    return Subquery(
        EntryVersion.objects.filter(entry=OuterRef(entry))
        .order_by("-number")
        .values(f"content__{key}")[:1]
    )


@dataclass
class JuryAnswer:
    question: Question
    value: str
    attachments: list = field(default_factory=list)


@dataclass
class JuryAttachment:
    id: int
    label: str
    is_pdf: bool


@dataclass
class JuryEntry:
    """An entry as the jury reads it: its latest submitted version, identity removed when
    blind."""

    reference: str
    title: str
    pitch: str
    version_number: int | None
    submitted_at: object
    answers: list[JuryAnswer]
    attachments: list[JuryAttachment]
    organisation: str = ""
    team: list[str] = field(default_factory=list)


def _answer_map(content: dict) -> dict[int, object]:
    answers = content.get("answers") or {}
    if isinstance(answers, dict):
        pairs = answers.items()
    else:  # a list of {"question": id, "value": ...}
        pairs = ((item.get("question"), item.get("value")) for item in answers)
    result = {}
    for key, value in pairs:
        try:
            result[int(key)] = value
        except (TypeError, ValueError):
            continue
    return result


def _attachment_ids(content: dict) -> list[int]:
    ids = []
    for item in content.get("attachments") or []:
        raw = item.get("id") if isinstance(item, dict) else item
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            continue
    return ids


def attachment_in_submitted_version(*, entry, attachment_id: int) -> Attachment | None:
    """The attachment when the entry's latest submitted version, the one the jury reads, names
    it; None for a file added to the draft since, or another entry's. Two queries."""
    version = entry.versions.order_by("-number").only("content").first()
    if version is None or attachment_id not in _attachment_ids(version.content):
        return None
    return Attachment.all_objects.filter(entry=entry, pk=attachment_id).first()


def _team_names(content: dict) -> list[str]:
    names = []
    for member in content.get("team") or []:
        if isinstance(member, dict):
            names.append(
                member.get("display_name") or member.get("name") or member.get("email") or ""
            )
        else:
            names.append(str(member))
    return [name for name in names if name]


def _display_value(question: Question, value) -> str:
    """An answer as text in the active language (choices are stored as the English text)."""
    if value in (None, "", []):
        return ""
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        english = [line.strip() for line in question.choices_en.splitlines()]
        translated = [line.strip() for line in (question.choices_sv or "").splitlines()]
        local = dict(zip(english, translated, strict=False))
        chosen = value if isinstance(value, list) else [value]
        if get_language() == "sv":
            chosen = [local.get(str(item)) or str(item) for item in chosen]
        return ", ".join(str(item) for item in chosen)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _content_type_label(content_type: str) -> str:
    known = {
        "application/pdf": "PDF",
        "image/png": "PNG",
        "image/jpeg": "JPEG",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    }
    return known.get(content_type, content_type.rsplit("/", 1)[-1].upper())


def entry_for_jury(*, entry, blind: bool) -> JuryEntry:
    """The latest submitted version of `entry` as the jury reads it. In a blind round no name,
    team, organisation, email or file name is included: attachments become "Attachment 1 (PDF)".
    Three queries (version, questions, attachments)."""
    version = entry.versions.order_by("-number").first()
    content = version.content if version else {}
    answers = _answer_map(content)
    questions = list(
        Question.objects.filter(category_id=entry.category_id).exclude(kind=QuestionKind.CHECKBOX)
    )
    # Only attachments named in the submitted version, and only this entry's.
    attachments = list(
        Attachment.all_objects.filter(entry=entry, pk__in=_attachment_ids(content))
        .only("id", "question_id", "content_type", "original_name")
        .order_by("created_at", "id")
    )
    jury_attachments = {}
    for number, attachment in enumerate(attachments, start=1):
        kind = _content_type_label(attachment.content_type)
        label = (
            _("Attachment %(number)s (%(kind)s)") % {"number": number, "kind": kind}
            if blind
            else f"{attachment.original_name} ({kind})"
        )
        jury_attachments[attachment.pk] = (
            attachment.question_id,
            JuryAttachment(
                id=attachment.pk, label=label, is_pdf=attachment.content_type == "application/pdf"
            ),
        )
    jury_answers = []
    for question in questions:
        files = [a for qid, a in jury_attachments.values() if qid == question.pk]
        if question.kind == QuestionKind.FILE:
            if files:
                jury_answers.append(JuryAnswer(question=question, value="", attachments=files))
            continue
        value = _display_value(question, answers.get(question.pk))
        jury_answers.append(JuryAnswer(question=question, value=value))
    question_ids = {q.pk for q in questions}
    loose = [a for qid, a in jury_attachments.values() if qid not in question_ids]
    return JuryEntry(
        reference=entry.reference or "",
        title=content.get("title") or entry.title,
        pitch=content.get("pitch") or "",
        version_number=version.number if version else None,
        submitted_at=version.submitted_at if version else None,
        answers=jury_answers,
        attachments=loose,
        organisation="" if blind else (content.get("organisation") or ""),
        team=[] if blind else _team_names(content),
    )
