import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from deliberation.enums import SecondLookBasis
from deliberation.services.second_looks import second_look_plan, second_look_request
from judging.enums import ReviewStatus, Visibility
from judging.models import Assignment
from judging.selectors.jury import others_scores_visible
from judging.services.reviews import review_for_assignment, review_lock_reason
from tests.deliberation.meeting_builders import closed_round
from tests.factories import JuryMemberFactory
from tests.judging.builders import conflict

pytestmark = pytest.mark.django_db


def _options(**overrides):
    return {"basis": SecondLookBasis.CUT, "count": 2, "extra": 1, "top_n": 1, **overrides}


def test_plan_gives_each_chosen_entry_a_new_judge_never_a_conflicted_one():
    scored = closed_round()
    fresh = [JuryMemberFactory(category=scored.round.category).user for _ in range(2)]
    plan = second_look_plan(round=scored.round, by=scored.chair, **_options(count=4))
    entry_ids = [row["entry_id"] for row in plan.entries]

    assert len(entry_ids) == 4
    assert sorted(judge.pk for _row, judge in plan.new_pairs) == sorted(
        [fresh[0].pk, fresh[0].pk, fresh[1].pk, fresh[1].pk]
    )
    assert [after for _judge, _before, after in plan.loads] == [2, 2]


def test_conflicts_and_existing_assignments_are_respected():
    scored = closed_round()
    fresh = JuryMemberFactory(category=scored.round.category).user
    conflict(judge=fresh, entry=scored.entry)

    plan = second_look_plan(
        round=scored.round, by=scored.chair, **_options(basis=SecondLookBasis.DISAGREEMENT, count=4)
    )

    assert (scored.entry.pk, fresh.pk) not in {(r["entry_id"], j.pk) for r, j in plan.new_pairs}
    assert [row["entry_id"] for row, _reason in plan.shortfalls] == [scored.entry.pk]


def test_confirmed_second_look_opens_the_review_until_its_deadline(
    django_capture_on_commit_callbacks,
):
    scored = closed_round(visibility=Visibility.AFTER_ROUND_CLOSES)
    fresh = JuryMemberFactory(category=scored.round.category).user
    options = _options(count=1)
    plan = second_look_plan(round=scored.round, by=scored.chair, **options)
    deadline = timezone.now() + dt.timedelta(days=3)

    with pytest.raises(ValidationError):
        second_look_request(
            round=scored.round, by=scored.chair, deadline=deadline, digest="stale", **options
        )
    look = second_look_request(
        round=scored.round, by=scored.chair, deadline=deadline, digest=plan.digest, **options
    )
    assignment = Assignment.objects.get(judge=fresh)
    review = review_for_assignment(assignment=assignment)
    old = Assignment.objects.filter(round=scored.round).exclude(judge=fresh).first()

    assert list(look.assignments.all()) == [assignment]
    assert review_lock_reason(review=review, round=scored.round) is None
    assert others_scores_visible(round=scored.round, review=review) is False
    assert review_lock_reason(review=review_for_assignment(assignment=old), round=scored.round)
    assert (
        review_lock_reason(review=review, round=scored.round, now=deadline + dt.timedelta(1))
        is not None
    )
    review.status = ReviewStatus.SUBMITTED
    review.save()
    assert others_scores_visible(round=scored.round, review=review) is True
    assert AuditEvent.objects.filter(action="second_look.request").count() == 1
