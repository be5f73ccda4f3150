"""Who on a jury may see what. Every judge-facing view and export goes through these."""

from django.db.models import QuerySet

from judging.enums import ConflictStatus, JuryRole
from judging.models import Assignment, Conflict, JuryMember


def conflicted_entry_ids(*, judge) -> set[int]:
    """Entries the judge has a confirmed conflict with: never assigned, never shown."""
    return set(
        Conflict.objects.filter(judge=judge, status=ConflictStatus.CONFIRMED).values_list(
            "entry_id", flat=True
        )
    )


def is_conflicted(*, judge, entry) -> bool:
    return Conflict.objects.filter(
        judge=judge, entry=entry, status=ConflictStatus.CONFIRMED
    ).exists()


def assignments_for_judge(*, judge) -> QuerySet[Assignment]:
    """The judge's assignments, leaving out any entry they are conflicted on."""
    return (
        Assignment.objects.filter(judge=judge)
        .exclude(
            entry__conflicts__judge=judge,
            entry__conflicts__status=ConflictStatus.CONFIRMED,
        )
        .select_related("round__category__edition__award", "entry")
    )


def judge_may_open_entry(*, user, entry) -> bool:
    """A judge may open an entry (its answers and attachments) only when assigned to it and not
    conflicted; a chair of the entry's category may open any entry they are not conflicted on."""
    if not user.is_authenticated:
        return False
    if is_conflicted(judge=user, entry=entry):
        return False
    if is_chair(user=user, category=entry.category):
        return True
    return Assignment.objects.filter(judge=user, entry=entry).exists()


def is_chair(*, user, category) -> bool:
    return (
        user.is_authenticated
        and JuryMember.objects.filter(
            user=user, category=category, role=JuryRole.CHAIR, active=True
        ).exists()
    )


def entry_is_blind_for(*, user, entry) -> bool:
    """True when `user` reads `entry` as a judge in a blind round: no names, team, organisation,
    email or file names. Entrants on the team and organisers always see them."""
    return Assignment.objects.filter(judge=user, entry=entry, round__blind=True).exists() or (
        is_chair(user=user, category=entry.category)
        and entry.round_entries.filter(round__blind=True).exists()
    )
