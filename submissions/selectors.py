"""Reusable reads for entrant pages, shaped so a page's query count does not grow with its data."""

from django.db.models import Q, QuerySet

from awards.models import Category
from awards.selectors import categories_open
from submissions.models import Answer, Entry, EntryVersion, Question, TeamInvitation, TeamMember


def entries_for_member(*, user) -> QuerySet[Entry]:
    """Entries the user is on the team of (owned or joined), newest first."""
    return (
        Entry.objects.filter(team__user=user)
        .select_related("category__edition__award", "owner")
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
