"""Reusable reads for entrant pages, shaped so a page's query count does not grow with its data."""

from django.db.models import QuerySet

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


def answers_by_question(*, entry: Entry) -> dict[int, object]:
    """Stored answer values by question id."""
    return dict(Answer.objects.filter(entry=entry).values_list("question_id", "value"))


def attachments_by_question(*, entry: Entry) -> dict[int | None, list]:
    """The entry's attachments grouped by question id."""
    grouped: dict[int | None, list] = {}
    for attachment in entry.attachments.order_by("created_at", "id"):
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
