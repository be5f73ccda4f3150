"""The season dashboard's figures: every award and edition a user organises, with each category's
call, entries, eligibility queue, jury, conflicts and rounds.

A fixed number of queries however many entries, judges or reviews there are: each figure is one
grouped count over all the editions shown, put together here in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from awards.models import Award, Category, Edition
from judging.enums import ConflictStatus, ReviewStatus, RoundStatus
from judging.models import Assignment, Conflict, JuryMember, Review, Round, RoundEntry
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Entry


@dataclass
class JuryCounts:
    invited: int = 0
    accepted: int = 0
    inactive: int = 0
    chairs: int = 0


@dataclass
class ConflictCounts:
    confirmed: int = 0
    flagged: int = 0
    dismissed: int = 0


@dataclass
class RoundSummary:
    round: Round
    entries: int
    assignments: int
    submitted: int
    late_judges: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.assignments) if self.assignments else 0

    @property
    def is_open(self) -> bool:
        return self.round.status == RoundStatus.OPEN

    @property
    def deadline_passed(self) -> bool:
        return self.round.closes_at <= timezone.now()


@dataclass
class CategorySummary:
    category: Category
    drafted: int = 0
    submitted: int = 0
    withdrawn: int = 0
    unchecked: int = 0
    questions: int = 0
    jury: JuryCounts = field(default_factory=JuryCounts)
    conflicts: ConflictCounts = field(default_factory=ConflictCounts)
    rounds: list[RoundSummary] = field(default_factory=list)

    @property
    def call_status(self):
        return self.category.call_status()


@dataclass
class EditionSummary:
    edition: Edition
    categories: list[CategorySummary] = field(default_factory=list)
    # (day, entries started that day, entries first submitted that day), oldest first.
    days: list[tuple] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.categories)

    @property
    def drafted(self) -> int:
        return self.total("drafted")

    @property
    def submitted(self) -> int:
        return self.total("submitted")

    @property
    def unchecked(self) -> int:
        return self.total("unchecked")

    @property
    def flagged(self) -> int:
        return sum(c.conflicts.flagged for c in self.categories)

    @property
    def rounds(self) -> list[RoundSummary]:
        return [r for c in self.categories for r in c.rounds]

    @property
    def results_public(self) -> bool:
        return self.edition.results_are_public()

    @property
    def results_scheduled(self) -> bool:
        return self.edition.results_publish_at is not None and not self.results_public


@dataclass
class AwardSummary:
    award: Award
    editions: list[EditionSummary] = field(default_factory=list)


def season_overview(*, awards) -> list[AwardSummary]:
    """Everything the dashboard shows for `awards` (a queryset), newest edition first. Nine
    queries, whatever the number of entries, judges, assignments or reviews."""
    award_list = list(awards.order_by("name_en"))
    editions = list(
        Edition.objects.filter(award__in=award_list).select_related("award").order_by("-year")
    )
    categories = list(
        Category.objects.filter(edition__in=editions)
        .select_related("edition__award")
        .annotate(question_count=Count("questions"))
        .order_by("position", "code")
    )
    summaries = {c.pk: CategorySummary(category=c, questions=c.question_count) for c in categories}
    _add_entry_counts(summaries)
    _add_jury_counts(summaries)
    _add_conflict_counts(summaries)
    _add_rounds(summaries)

    by_edition = {e.pk: EditionSummary(edition=e) for e in editions}
    for summary in summaries.values():
        by_edition[summary.category.edition_id].categories.append(summary)
    for edition_id, days in _entries_by_day(list(by_edition)).items():
        by_edition[edition_id].days = days

    by_award = {a.pk: AwardSummary(award=a) for a in award_list}
    for edition in editions:
        by_award[edition.award_id].editions.append(by_edition[edition.pk])
    return list(by_award.values())


def _add_entry_counts(summaries: dict) -> None:
    rows = (
        Entry.objects.filter(category__in=list(summaries))
        .values("category")
        .annotate(
            drafted=Count("id", filter=Q(status=EntryStatus.DRAFT)),
            submitted=Count("id", filter=Q(status=EntryStatus.SUBMITTED)),
            withdrawn=Count("id", filter=Q(status=EntryStatus.WITHDRAWN)),
            unchecked=Count(
                "id",
                filter=Q(status=EntryStatus.SUBMITTED, eligibility=Eligibility.UNCHECKED),
            ),
        )
        .order_by()
    )
    for row in rows:
        summary = summaries[row["category"]]
        summary.drafted = row["drafted"]
        summary.submitted = row["submitted"]
        summary.withdrawn = row["withdrawn"]
        summary.unchecked = row["unchecked"]


def _add_jury_counts(summaries: dict) -> None:
    rows = (
        JuryMember.objects.filter(category__in=list(summaries))
        .values("category")
        .annotate(
            invited=Count("id", filter=Q(active=True, accepted_at__isnull=True)),
            accepted=Count("id", filter=Q(active=True, accepted_at__isnull=False)),
            inactive=Count("id", filter=Q(active=False)),
            chairs=Count("id", filter=Q(active=True, role="chair")),
        )
        .order_by()
    )
    for row in rows:
        summaries[row["category"]].jury = JuryCounts(
            invited=row["invited"],
            accepted=row["accepted"],
            inactive=row["inactive"],
            chairs=row["chairs"],
        )


def _add_conflict_counts(summaries: dict) -> None:
    rows = (
        Conflict.objects.filter(entry__category__in=list(summaries))
        .values("entry__category", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts = summaries[row["entry__category"]].conflicts
        if row["status"] == ConflictStatus.CONFIRMED:
            counts.confirmed = row["n"]
        elif row["status"] == ConflictStatus.FLAGGED:
            counts.flagged = row["n"]
        else:
            counts.dismissed = row["n"]


def _count(queryset, field_name: str):
    """A correlated count: several counts on one row without joins multiplying each other."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field_name: OuterRef("pk")})
            .order_by()
            .values(field_name)
            .annotate(n=Count("id"))
            .values("n")[:1]
        ),
        0,
    )


def _add_rounds(summaries: dict) -> None:
    rounds = list(
        Round.objects.filter(category__in=list(summaries))
        .annotate(
            entry_count=_count(RoundEntry.objects.all(), "round"),
            assignment_count=_count(Assignment.objects.all(), "round"),
            submitted_count=_count(
                Review.objects.filter(status=ReviewStatus.SUBMITTED), "assignment__round"
            ),
        )
        .order_by("position")
    )
    # Judges with a review still to submit, per round: "late" once the deadline is near or past.
    unfinished = (
        Assignment.objects.filter(round__in=rounds, round__status=RoundStatus.OPEN)
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .values("round")
        .annotate(judges=Count("judge", distinct=True))
        .order_by()
    )
    judges = {row["round"]: row["judges"] for row in unfinished}
    now = timezone.now()
    for round_ in rounds:
        reminder_from = round_.closes_at - timezone.timedelta(days=round_.reminder_days_before)
        summaries[round_.category_id].rounds.append(
            RoundSummary(
                round=round_,
                entries=round_.entry_count,
                assignments=round_.assignment_count,
                submitted=round_.submitted_count,
                late_judges=judges.get(round_.pk, 0) if now >= reminder_from else 0,
            )
        )


def _entries_by_day(edition_ids: list[int]) -> dict[int, list[tuple]]:
    """Per edition: entries started and entries first submitted per day (Stockholm days)."""
    started = defaultdict(lambda: defaultdict(int))
    submitted = defaultdict(lambda: defaultdict(int))
    rows = (
        Entry.objects.filter(category__edition__in=edition_ids)
        .annotate(day=TruncDate("created_at"))
        .values("category__edition", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        started[row["category__edition"]][row["day"]] += row["n"]
    rows = (
        Entry.objects.filter(category__edition__in=edition_ids, submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at"))
        .values("category__edition", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        submitted[row["category__edition"]][row["day"]] += row["n"]
    result = {}
    for edition_id in set(started) | set(submitted):
        days = sorted(set(started[edition_id]) | set(submitted[edition_id]))
        result[edition_id] = [
            (day, started[edition_id][day], submitted[edition_id][day]) for day in days
        ]
    return result
