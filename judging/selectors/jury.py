"""Reads for judges: other judges' reviews as the round's visibility allows (the dashboard is
in `judging.selectors.dashboard`). Each runs a fixed number of queries whatever the number of
reviews."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from judging.enums import ReviewStatus, RoundStatus, Visibility
from judging.models import Assignment, Criterion, Review, Round
from judging.review_windows import review_window_open
from judging.scores import weighted_score


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
