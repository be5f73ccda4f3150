"""Other judges' scores appear only as the round's visibility policy allows."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from judging.enums import ReviewStatus, RoundStatus, Visibility
from judging.models import Round
from tests.factories import AssignmentFactory, ReviewFactory, RoundFactory, ScoreFactory
from tests.judging.builders import assign, conflict, judged_round

pytestmark = pytest.mark.django_db

REMARK = "Remark from the other judge"


def setup(visibility, *, own_status=ReviewStatus.DRAFT, other_status=ReviewStatus.SUBMITTED):
    round = judged_round(visibility=visibility)
    mine = assign(round=round)
    ReviewFactory(assignment=mine, status=own_status)
    other = AssignmentFactory(round=round, entry=mine.entry)
    review = ReviewFactory(
        assignment=other, status=other_status, comment=REMARK, submitted_at=timezone.now()
    )
    for criterion in round.criteria.all():
        ScoreFactory(review=review, criterion=criterion, value=Decimal(4))
    return mine


def others_shown(client, assignment) -> bool:
    client.force_login(assignment.judge)
    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))
    assert response.status_code == 200
    shown = REMARK in response.content.decode()
    assert shown == bool(response.context["others"])
    return shown


def close(round: Round):
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.save()


@pytest.mark.parametrize("own_status", [ReviewStatus.DRAFT, ReviewStatus.SUBMITTED])
def test_visibility_never_hides_others_even_after_own_review_and_close(client, own_status):
    mine = setup(Visibility.NEVER, own_status=own_status)
    assert others_shown(client, mine) is False

    close(mine.round)

    assert others_shown(client, mine) is False


def test_visibility_after_own_review_hides_others_while_drafting(client):
    mine = setup(Visibility.AFTER_OWN_REVIEW, own_status=ReviewStatus.DRAFT)

    assert others_shown(client, mine) is False


def test_visibility_after_own_review_shows_others_once_submitted(client):
    mine = setup(Visibility.AFTER_OWN_REVIEW, own_status=ReviewStatus.SUBMITTED)

    client.force_login(mine.judge)
    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": mine.pk}))

    body = response.content.decode()
    assert REMARK in body
    assert "Judge A" in body
    assert [o.weighted for o in response.context["others"]] == [Decimal("4.00")]


def test_visibility_after_round_closes_hides_others_until_the_chair_closes(client):
    mine = setup(Visibility.AFTER_ROUND_CLOSES, own_status=ReviewStatus.SUBMITTED)
    assert others_shown(client, mine) is False

    close(mine.round)

    assert others_shown(client, mine) is True


def test_visibility_never_shows_another_judges_draft(client):
    mine = setup(
        Visibility.AFTER_OWN_REVIEW,
        own_status=ReviewStatus.SUBMITTED,
        other_status=ReviewStatus.DRAFT,
    )

    assert others_shown(client, mine) is False


def test_visibility_leaves_out_reviews_of_the_same_entry_in_another_round(client):
    mine = setup(Visibility.AFTER_OWN_REVIEW, own_status=ReviewStatus.SUBMITTED)
    later = RoundFactory(category=mine.round.category, position=2)
    elsewhere = AssignmentFactory(round=later, entry=mine.entry)
    ReviewFactory(assignment=elsewhere, status=ReviewStatus.SUBMITTED, comment="Other round")

    client.force_login(mine.judge)
    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": mine.pk}))

    assert len(response.context["others"]) == 1
    assert "Other round" not in response.content.decode()


def test_visibility_conflicted_judge_sees_nothing_even_when_policy_allows(client):
    mine = setup(Visibility.AFTER_ROUND_CLOSES, own_status=ReviewStatus.SUBMITTED)
    close(mine.round)
    conflict(judge=mine.judge, entry=mine.entry)
    client.force_login(mine.judge)

    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": mine.pk}))

    assert response.status_code == 404
