"""Reads for judges: the dashboard, the rounds a user chairs, and other judges' reviews as the
round's visibility allows. Each runs a fixed number of queries whatever the number of
assignments or reviews."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.access import assignments_for_judge, jury_seats
from judging.enums import JuryRole, ReviewStatus, RoundStatus, Visibility
from judging.models import Assignment, Criterion, Review, Round
from judging.review_windows import review_window_open
from judging.scores import weighted_score
from judging.selectors.entries import latest_version_field


@dataclass
class RoundAssignments:
    """One round on a judge's dashboard."""

    round: Round
    assignments: list = field(default_factory=list)

    @property
    def assigned(self) -> int:
        return len(self.assignments)

    @property
    def done(self) -> int:
        return sum(1 for a in self.assignments if a.review_status == ReviewStatus.SUBMITTED)


@dataclass(frozen=True)
class DashboardRow:
    """One assignment on a judge's dashboard: what the row shows, nothing more."""

    pk: int
    reference: str
    title: str
    review_status: str | None


def dashboard_for_judge(*, judge) -> list[RoundAssignments]:
    """The judge's assignments grouped by round, soonest deadline first, each with the title the
    jury reads (from the latest submitted version) and the state of the judge's review. Conflicted
    entries are left out. Two queries. Rows are plain values, not model instances: a judge may
    hold hundreds of assignments, and building an Assignment, Entry, Round, Category, Edition and
    Award for each cost more than the query itself."""
    rows = (
        assignments_for_judge(judge=judge)
        .select_related(None)
        .annotate(
            jury_title=latest_version_field("title"),
            review_status=Subquery(
                Review.objects.filter(assignment=OuterRef("pk")).values("status")[:1]
            ),
        )
        .order_by("round__closes_at", "round_id", "entry__reference", "entry_id")
        .values_list(
            "pk", "round_id", "entry__reference", "entry__title", "jury_title", "review_status"
        )
    )
    blocks: dict[int, list[DashboardRow]] = {}
    for pk, round_id, reference, title, jury_title, review_status in rows:
        blocks.setdefault(round_id, []).append(
            DashboardRow(
                pk=pk,
                reference=reference or "",
                title=jury_title or title,
                review_status=review_status,
            )
        )
    rounds = Round.objects.select_related("category__edition__award").in_bulk(list(blocks))
    return [
        RoundAssignments(round=rounds[round_id], assignments=assignments)
        for round_id, assignments in blocks.items()
    ]


def rounds_chaired_by(*, user) -> list[Round]:
    """Rounds in categories where `user` holds an active chair's seat. One query."""
    chaired = jury_seats(user=user, role=JuryRole.CHAIR).values("category_id")
    return list(
        Round.objects.filter(category_id__in=chaired)
        .select_related("category__edition__award")
        .order_by("closes_at", "pk")
    )


def others_scores_visible(*, round: Round, review: Review | None) -> bool:
    """Whether the round's visibility policy lets this judge see other judges' reviews now.

    "After the round closes" means the chair has closed it (status closed), not merely that the
    deadline passed: until then the chair can still reopen reviews. A judge still writing a
    review in a window opened after the round closed (a second look) sees nothing yet."""
    if (
        review is not None
        and review.status != ReviewStatus.SUBMITTED
        and review_window_open(assignment=review.assignment, now=timezone.now())
    ):
        return False
    if round.visibility == Visibility.AFTER_OWN_REVIEW:
        return review is not None and review.status == ReviewStatus.SUBMITTED
    if round.visibility == Visibility.AFTER_ROUND_CLOSES:
        return round.status == RoundStatus.CLOSED
    return False


@dataclass
class OtherReview:
    label: str
    scores: list  # (criterion, value or None), in the round's criteria order
    weighted: Decimal | None
    comment: str


def other_reviews(*, assignment: Assignment, criteria: list[Criterion]) -> list[OtherReview]:
    """Other judges' submitted reviews of the same entry in the same round, labelled "Judge A",
    "Judge B"... so names do not add weight to scores. The caller checks visibility first.
    Two queries."""
    reviews = (
        Review.objects.filter(
            assignment__round_id=assignment.round_id,
            assignment__entry_id=assignment.entry_id,
            status=ReviewStatus.SUBMITTED,
        )
        .exclude(assignment__judge_id=assignment.judge_id)
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    result = []
    for index, review in enumerate(reviews):
        values = {score.criterion_id: score.value for score in review.scores.all()}
        result.append(
            OtherReview(
                label=_("Judge %(letter)s") % {"letter": chr(ord("A") + index % 26)},
                scores=[(c, values.get(c.pk)) for c in criteria],
                weighted=weighted_score((c.weight, values.get(c.pk)) for c in criteria),
                comment=review.comment,
            )
        )
    return result
