"""Reusable reads of entries for entrants' and organisers' pages and for the services, shaped so
a page's query count does not grow with its data."""

import json

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from awards.models import Category, Edition
from awards.selectors import categories_open
from submissions.answers import (
    Problem,
    answer_as_text,
    answer_problem,
    eligibility_problem,
    question_anchor,
)
from submissions.enums import QuestionKind
from submissions.models import (
    Answer,
    Attachment,
    Entry,
    EntryVersion,
    Question,
    TeamInvitation,
    TeamMember,
)

# What "My entries" shows of each entry, its category, edition and award: reading every column
# of the four tables costs more than the rest of the page.
ENTRY_LIST_FIELDS = (
    *("pk", "title", "reference", "status", "revision", "submitted_revision", "updated_at"),
    *("category__name_en", "category__name_sv", "category__call_closes_at"),
    *("category__edition__year", "category__edition__call_closes_at"),
    *("category__edition__award__name_en", "category__edition__award__name_sv"),
)


def entries_for_member(*, user) -> QuerySet[Entry]:
    """Entries the user is on the team of (owned or joined), newest first, with what the list
    of entries shows (ENTRY_LIST_FIELDS)."""
    return (
        Entry.objects.filter(team__user=user)
        .select_related("category__edition__award")
        .only(*ENTRY_LIST_FIELDS)
        .order_by("-created_at", "-id")
    )


def questions_for_category(*, category) -> list[Question]:
    return list(Question.objects.filter(category=category).order_by("position", "id"))


def questions_for_version(*, version: EntryVersion, entry: Entry) -> list[Question]:
    """The questions of the category the version was submitted in: the entry may have moved to
    another category since."""
    content = version.content
    asked = [a["question"] for a in content.get("answers", [])] + [
        a["question"] for a in content.get("attachments", []) if a.get("question")
    ]
    category_id = (
        Question.objects.filter(pk__in=asked).values_list("category_id", flat=True).first()
        or entry.category_id
    )
    return list(Question.objects.filter(category_id=category_id).order_by("position", "id"))


def answers_by_question(*, entry: Entry) -> dict[int, object]:
    """Stored answer values by question id."""
    return dict(Answer.objects.filter(entry=entry).values_list("question_id", "value"))


def attachments_by_question(*, entry: Entry) -> dict[int | None, list]:
    """The entry's attachments grouped by question id: those for its category's questions and
    those whose question was deleted (None). Files kept for another category's questions, from
    before the entry moved, are left out, so they are neither submitted nor shown to the jury."""
    attachments = entry.attachments.filter(
        Q(question__isnull=True) | Q(question__category_id=entry.category_id)
    )
    grouped: dict[int | None, list] = {}
    for attachment in attachments.order_by("created_at", "id"):
        grouped.setdefault(attachment.question_id, []).append(attachment)
    return grouped


def team_for_entry(*, entry: Entry) -> list[TeamMember]:
    return list(entry.team.select_related("user").order_by("joined_at", "id"))


def invitations_pending(*, entry: Entry) -> list[TeamInvitation]:
    return list(
        entry.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("created_at", "id")
    )


def versions_for_entry(*, entry: Entry) -> QuerySet[EntryVersion]:
    return entry.versions.select_related("submitted_by").order_by("-number")


def version_latest(*, entry: Entry) -> EntryVersion | None:
    """The last submitted version: what the jury reads."""
    return entry.versions.order_by("-number").first()


def categories_to_move_to(*, entry: Entry, now=None) -> QuerySet[Category]:
    """The other categories of the entry's edition taking entries now, in the edition's order,
    with what their deadline needs."""
    return (
        categories_open(now=now)
        .filter(edition_id=entry.category.edition_id)
        .exclude(pk=entry.category_id)
        .order_by("position", "code")
    )


def entry_content(*, entry: Entry) -> dict:
    """The entry as the jury would read it: title, pitch, organisation, answers, team and
    attachments, as JSON-ready data (what an EntryVersion keeps)."""
    questions = questions_for_category(category=entry.category)
    answers = answers_by_question(entry=entry)
    attachments = attachments_by_question(entry=entry)
    content = {
        "title": entry.title,
        "pitch": entry.pitch,
        "organisation": entry.organisation,
        "answers": [
            {
                "question": question.pk,
                "label": question.label_en,
                "kind": question.kind,
                "value": answers.get(question.pk),
            }
            for question in questions
            if question.kind != QuestionKind.FILE
        ],
        "attachments": [
            {
                "id": attachment.pk,
                "question": attachment.question_id,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            }
            for group in attachments.values()
            for attachment in group
        ],
        "team": [
            {"user": member.user_id, "name": str(member.user), "role": member.role}
            for member in team_for_entry(entry=entry)
        ],
        "consent": {
            str(question.pk): question.consent_version
            for question in questions
            if question.kind == QuestionKind.CHECKBOX
            and question.consent_version
            and answers.get(question.pk) == "yes"
        },
    }
    # Through JSON and back, so it compares equal with what the database gives back.
    return json.loads(json.dumps(content))


def entry_problems(*, entry: Entry) -> list[Problem]:
    """Everything that stops the entry from being submitted: missing or malformed answers and
    answers that make it ineligible, each with the anchor of its place on the edit page."""
    problems = []
    if not entry.title.strip():
        problems.append(Problem("question-title", _("Title"), _("Give your entry a title.")))
    if not entry.pitch.strip():
        problems.append(Problem("question-pitch", _("Short pitch"), _("Write a short pitch.")))
    answers = answers_by_question(entry=entry)
    attachments = attachments_by_question(entry=entry)
    for question in questions_for_category(category=entry.category):
        value = answers.get(question.pk)
        message = answer_problem(
            question=question, value=value, file_count=len(attachments.get(question.pk, []))
        ) or eligibility_problem(question=question, value=value)
        if message:
            problems.append(Problem(question_anchor(question), question.label, message))
    return problems


# Organisers' pages


def entries_for_organiser(
    *,
    edition: Edition,
    category: Category | None = None,
    search: str = "",
    status: str = "",
    eligibility: str = "",
) -> QuerySet[Entry]:
    """The edition's entries, filtered, with what the list and the export show."""
    entries = Entry.objects.filter(category__edition=edition).select_related("category", "owner")
    if category is not None:
        entries = entries.filter(category=category)
    if status:
        entries = entries.filter(status=status)
    if eligibility:
        entries = entries.filter(eligibility=eligibility)
    if search:
        entries = entries.filter(
            Q(title__icontains=search)
            | Q(reference__icontains=search)
            | Q(organisation__icontains=search)
            | Q(owner__email__icontains=search)
            | Q(owner__display_name__icontains=search)
            | Q(owner__organisation__icontains=search)
        )
    return entries.annotate(attachment_count=Count("attachments", distinct=True)).order_by(
        "category__position", "number", "created_at", "pk"
    )


def entry_for_organiser(*, pk: int) -> Entry:
    """One entry with everything its organiser page shows, in a fixed number of queries."""
    return Entry.objects.select_related("category__edition__award", "owner").get(pk=pk)


def entry_answers_by_question(*, entry: Entry) -> list[tuple[Question, str, list[Attachment]]]:
    """Each question of the entry's form with its answer as text and, for file questions, its
    files. Three queries whatever the number of questions."""
    answers = {answer.question_id: answer.value for answer in entry.answers.all()}
    files: dict[int | None, list[Attachment]] = {}
    for attachment in entry.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment)
    return [
        (question, answer_as_text(answers.get(question.pk)), files.get(question.pk, []))
        for question in Question.objects.filter(category_id=entry.category_id)
    ]


def audit_events_for_entry(*, entry: Entry) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=Entry._meta.label_lower, target_id=str(entry.pk)
    ).select_related("actor")


def audit_events_for_edition(*, edition: Edition, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(edition=edition).select_related("actor")
    return events.filter(action=action) if action else events
