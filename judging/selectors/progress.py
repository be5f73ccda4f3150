"""A round's progress as its chair follows it: per judge and per entry. Four queries."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Prefetch, Q

from judging.access import conflicted_entry_ids
from judging.enums import ReviewStatus
from judging.models import Assignment, Round, RoundEntry
from judging.selectors.entries import latest_version_field


@dataclass
class JudgeProgress:
    judge: object
    assigned: int
    drafted: int
    submitted: int
    last_activity: object

    @property
    def unfinished(self) -> int:
        return self.assigned - self.submitted


@dataclass
class EntryProgress:
    round_entry: RoundEntry
    assignments: list
    received: int
    wanted: int
    conflicted: bool


def round_progress(*, round: Round, viewer) -> tuple[list[JudgeProgress], list[EntryProgress]]:
    """Per judge: assigned, drafted (saved at least once, not submitted), submitted and last
    activity; per entry: submitted reviews against the k wanted, with each assignment's review.
    Entries `viewer` is conflicted on come without their assignments. Four queries."""
    return _judge_progress(round=round), _entry_progress(round=round, viewer=viewer)


def _judge_progress(*, round: Round) -> list[JudgeProgress]:
    per_judge = (
        Assignment.objects.filter(round=round)
        .values("judge")
        .annotate(
            assigned=Count("id"),
            drafted=Count("id", filter=Q(review__status=ReviewStatus.DRAFT, review__version__gt=0)),
            submitted=Count("id", filter=Q(review__status=ReviewStatus.SUBMITTED)),
            last_activity=Max("review__updated_at"),
        )
        .order_by()
    )
    rows = {row["judge"]: row for row in per_judge}
    judges = get_user_model().objects.filter(pk__in=rows).order_by("display_name", "email")
    return [
        JudgeProgress(
            judge=judge,
            assigned=rows[judge.pk]["assigned"],
            drafted=rows[judge.pk]["drafted"],
            submitted=rows[judge.pk]["submitted"],
            last_activity=rows[judge.pk]["last_activity"],
        )
        for judge in judges
    ]


def _entry_progress(*, round: Round, viewer) -> list[EntryProgress]:
    conflicted = conflicted_entry_ids(judge=viewer)
    round_entries = (
        RoundEntry.objects.filter(round=round)
        .select_related("entry")
        .annotate(jury_title=latest_version_field("title"))
        .prefetch_related(
            Prefetch(
                "entry__assignments",
                queryset=Assignment.objects.filter(round=round)
                .select_related("judge", "review")
                .order_by("judge__display_name", "judge__email"),
                to_attr="round_assignments",
            )
        )
        .order_by("entry__reference", "entry_id")
    )
    entry_rows = []
    for round_entry in round_entries:
        assignments = round_entry.entry.round_assignments
        received = sum(
            1
            for a in assignments
            if hasattr(a, "review") and a.review.status == ReviewStatus.SUBMITTED
        )
        is_conflicted = round_entry.entry_id in conflicted
        entry_rows.append(
            EntryProgress(
                round_entry=round_entry,
                assignments=[] if is_conflicted else assignments,
                received=received,
                wanted=round.reviews_per_entry,
                conflicted=is_conflicted,
            )
        )
    return entry_rows
