"""Reads for judges: the dashboard, the rounds a user chairs, and other judges' reviews as the
round's visibility allows. Each runs a fixed number of queries whatever the number of
assignments or reviews."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.access import assignments_for_judge, jury_seats
from judging.enums import JuryRole, ReviewStatus, RoundStatus, Visibility
from judging.models import Assignment, Criterion, Review, Round
from judging.review_windows import review_window_open
from judging.scores import weighted_score
from judging.selectors.entries import latest_version_field

# What a judge should do first: reviews in progress, then those not started, then those done.
STATE_ORDER = ("draft", "new", ReviewStatus.SUBMITTED)
DASHBOARD_PAGE_SIZE = 50
# What a round's heading on the dashboard shows: its name, category, edition, award and deadline.
ROUND_HEADING_FIELDS = (
    *("pk", "name_en", "name_sv", "closes_at", "status", "mode", "category__name_en"),
    *("category__name_sv", "category__edition__year", "category__edition__award__name_en"),
    "category__edition__award__name_sv",
)


@dataclass
class RoundProgress:
    """One round on a judge's dashboard: how many of its assignments are in each state."""

    round: Round
    counts: dict = field(default_factory=dict)

    @property
    def assigned(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts.get(ReviewStatus.SUBMITTED, 0)


@dataclass(frozen=True)
class DashboardRow:
    """One assignment on a judge's dashboard: what the row shows, nothing more."""

    pk: int
    round_id: int
    reference: str
    title: str
    state: str  # one of STATE_ORDER


@dataclass
class Dashboard:
    rounds: list[RoundProgress]
    counts: dict  # state -> number of assignments, over every round
    rows: list[DashboardRow]  # the page asked for, in the order of STATE_ORDER
    page: int
    pages: int


def _state():
    """The assignment's state as STATE_ORDER names it, and its place in that order."""
    status = Coalesce("review__status", Value("new"))
    rank = Case(
        *(When(review__status=s, then=Value(i)) for i, s in enumerate(STATE_ORDER) if s != "new"),
        default=Value(STATE_ORDER.index("new")),
        output_field=IntegerField(),
    )
    return status, rank


def dashboard_for_judge(
    *, judge, page: int = 1, state: str | None = None, per_page: int = DASHBOARD_PAGE_SIZE
) -> Dashboard:
    """The judge's dashboard: each round with its counts per state, soonest deadline first, and
    one page of assignments, what needs doing first at the top (in progress, not started, done),
    optionally of one state only. Conflicted entries are left out. Three queries whatever the
    number of assignments: counts per round and state, the rounds, and the page's rows (titles
    as the jury reads them, from the latest submitted version, read for that page only).
    Rows are plain values, not model instances."""
    status, rank = _state()
    mine = assignments_for_judge(judge=judge).select_related(None).annotate(state=status)
    tally = mine.values("round_id", "state").annotate(n=Count("pk")).order_by()
    per_round: dict[int, dict] = {}
    for row in tally:
        per_round.setdefault(row["round_id"], {})[row["state"]] = row["n"]
    counts = {s: sum(c.get(s, 0) for c in per_round.values()) for s in STATE_ORDER}
    total = counts.get(state, 0) if state in STATE_ORDER else sum(counts.values())
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = []
    if total:
        listed = mine.filter(state=state) if state in STATE_ORDER else mine
        start = (page - 1) * per_page
        listed = (
            listed.annotate(rank=rank, jury_title=latest_version_field("title"))
            .order_by("rank", "round__closes_at", "round_id", "entry__reference", "entry_id")
            .values_list(
                "pk", "round_id", "entry__reference", "entry__title", "jury_title", "state"
            )
        )[start : start + per_page]
        rows = [
            DashboardRow(
                pk=pk,
                round_id=round_id,
                reference=reference or "",
                title=jury_title or title,
                state=row_state,
            )
            for pk, round_id, reference, title, jury_title, row_state in listed
        ]
    rounds = {
        round.pk: round
        for round in Round.objects.filter(pk__in=list(per_round))
        .select_related("category__edition__award")
        .only(*ROUND_HEADING_FIELDS)
        .order_by()
    }
    return Dashboard(
        rounds=sorted(
            (RoundProgress(round=rounds[pk], counts=c) for pk, c in per_round.items()),
            key=lambda p: (p.round.closes_at, p.round.pk),
        ),
        counts=counts,
        rows=rows,
        page=page,
        pages=pages,
    )


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
