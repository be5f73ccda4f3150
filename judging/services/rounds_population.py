"""Which entries take part in a round. The assignment page, closing a round and the results rely
on it."""

from django.db import transaction
from django.db.models import QuerySet

from audit.services import audit_record
from judging.enums import DecisionOutcome
from judging.models import Round, RoundEntry
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Entry


def round_previous(*, round: Round) -> Round | None:
    return (
        Round.objects.filter(category_id=round.category_id, position__lt=round.position)
        .order_by("-position")
        .first()
    )


def round_entries_qualifying(*, round: Round) -> QuerySet[Entry]:
    """The first round takes every submitted entry not found ineligible; a later round takes the
    entries advanced from the round before it."""
    previous = round_previous(round=round)
    if previous is None:
        return Entry.objects.filter(
            category_id=round.category_id, status=EntryStatus.SUBMITTED
        ).exclude(eligibility=Eligibility.INELIGIBLE)
    return Entry.objects.filter(
        status=EntryStatus.SUBMITTED,
        decisions__round=previous,
        decisions__outcome=DecisionOutcome.ADVANCE,
    )


@transaction.atomic
def round_entries_populate(*, round: Round, actor=None) -> tuple[int, int]:
    """Bring the round's entries in line with `round_entries_qualifying`: add the missing ones and
    take out those withdrawn, found ineligible or no longer advanced. Returns (added, removed).

    Their assignments stay (a submitted review is never thrown away); the assignment page only
    works on the entries in the round. Writes one audit event `round.entries_populate` when
    anything changed.
    """
    Round.objects.select_for_update().filter(pk=round.pk).first()
    qualifying = set(round_entries_qualifying(round=round).values_list("pk", flat=True))
    present = set(round.round_entries.values_list("entry_id", flat=True))
    added = sorted(qualifying - present)
    removed = sorted(present - qualifying)
    RoundEntry.objects.bulk_create(
        [RoundEntry(round=round, entry_id=entry_id) for entry_id in added], ignore_conflicts=True
    )
    if removed:
        round.round_entries.filter(entry_id__in=removed).delete()
    if added or removed:
        audit_record(
            actor=actor,
            action="round.entries_populate",
            target=round,
            summary=f"{len(added)} entries added, {len(removed)} removed",
            data={"added": added, "removed": removed},
            edition=round.category.edition,
        )
    return len(added), len(removed)
