"""Builders for judging tests: a submitted entry as the jury reads it, a judge on a round."""

from django.core.files.base import ContentFile

from judging.enums import ConflictKind, ConflictSource, ConflictStatus
from judging.models import Conflict
from submissions.enums import EntryStatus, QuestionKind
from submissions.models import Attachment, EntryVersion
from tests.factories import (
    AssignmentFactory,
    CriterionFactory,
    EntryFactory,
    QuestionFactory,
    RoundEntryFactory,
    RoundFactory,
    UserFactory,
)
from tests.pdfs import PDF


def submitted_entry(*, category, title="Turn UP", owner=None, answers=None, files=()):
    """A submitted entry with one EntryVersion in the format `entry_submit` writes.

    `answers` maps Question -> value; `files` is a list of (question, original name) or
    (question, original name, PDF bytes)."""
    owner = owner or UserFactory(display_name="Sally Sow", organisation="Flemingsberg Lab")
    entry = EntryFactory(
        category=category,
        owner=owner,
        title=title,
        pitch="Local music events for everyone.",
        organisation="Flemingsberg Lab",
        status=EntryStatus.SUBMITTED,
    )
    entry.number = entry.pk
    entry.reference = f"FSA-2026-IDEA-{entry.pk:04d}"
    entry.save(update_fields=["number", "reference"])
    attachments = [
        Attachment.objects.create(
            entry=entry,
            question=question,
            file=ContentFile(body[0] if body else PDF, name="upload"),
            original_name=name,
            content_type="application/pdf",
            size=len(body[0] if body else PDF),
            sha256="0" * 64,
            uploaded_by=owner,
        )
        for question, name, *body in files
    ]
    content = {
        "title": title,
        "pitch": "Local music events for everyone.",
        "organisation": "Flemingsberg Lab",
        "answers": [
            {"question": q.pk, "label": q.label_en, "kind": q.kind, "value": v}
            for q, v in (answers or {}).items()
        ],
        "attachments": [
            {"id": a.pk, "question": a.question_id, "name": a.original_name, "sha256": a.sha256}
            for a in attachments
        ],
        "team": [{"user": owner.pk, "name": str(owner), "role": "owner"}],
        "consent": {},
    }
    EntryVersion.objects.create(entry=entry, number=1, submitted_by=owner, content=content)
    return entry


def judged_round(*, criteria=2, **round_fields):
    """A round with `criteria` criteria (scale 1-5, weight 1, required)."""
    round = RoundFactory(**round_fields)
    for position in range(criteria):
        CriterionFactory(round=round, position=position, name_en=f"Criterion {position + 1}")
    return round


def assign(*, round, judge=None, entry=None, **entry_fields):
    """Put an entry (a new submitted one unless given) in the round and assign it to `judge`."""
    entry = entry or submitted_entry(category=round.category, **entry_fields)
    RoundEntryFactory._meta.model.objects.get_or_create(round=round, entry=entry)
    return AssignmentFactory(round=round, entry=entry, judge=judge or UserFactory())


def conflict(*, judge, entry, status=ConflictStatus.CONFIRMED):
    return Conflict.objects.create(
        judge=judge,
        entry=entry,
        kind=ConflictKind.PROFESSIONAL,
        source=ConflictSource.DECLARED,
        status=status,
    )


def file_question(*, category):
    return QuestionFactory(category=category, kind=QuestionKind.FILE, label_en="Business plan")


def entry_of(edition, *, category=None, email):
    """A submitted entry in `edition` whose owner has the address `email`."""
    entry = EntryFactory(
        category=category or RoundFactory(category__edition=edition).category,
        owner=UserFactory(email=email),
        status=EntryStatus.SUBMITTED,
        title=f"Idea of {email}",
    )
    return entry


def submitted(category, **kwargs):
    """A submitted entry numbered and referenced as submission does."""
    entry = EntryFactory(category=category, status=EntryStatus.SUBMITTED, **kwargs)
    entry.number = entry.pk
    entry.reference = f"FSA-2026-IDEA-{entry.pk:04d}"
    entry.save(update_fields=["number", "reference"])
    return entry
