import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent
from judging.enums import JuryRole, ReviewStatus, RoundStatus
from judging.models import Review, Score
from judging.services.reviews import review_reopen, review_save_draft, review_submit
from tests.factories import CriterionFactory, JuryMemberFactory, UserFactory
from tests.judging.builders import assign, judged_round

pytestmark = pytest.mark.django_db


def scores_for(round, *values):
    return {c.pk: str(v) for c, v in zip(round.criteria.all(), values, strict=True)}


@pytest.fixture
def assignment():
    return assign(round=judged_round())


# Services


def test_review_save_draft_stores_scores_and_bumps_version(assignment):
    round = assignment.round

    review = review_save_draft(
        assignment=assignment,
        user=assignment.judge,
        scores=scores_for(round, 4, ""),
        comment="Promising.",
        feedback="",
        version=0,
    )

    assert review.version == 1
    assert review.status == ReviewStatus.DRAFT
    assert [(s.criterion.name_en, s.value) for s in review.scores.order_by("criterion")] == [
        ("Criterion 1", Decimal(4))
    ]
    assert review.comment == "Promising."


def test_review_save_draft_with_stale_version_is_refused_and_writes_nothing(assignment):
    round = assignment.round
    kwargs = {"assignment": assignment, "user": assignment.judge, "comment": "", "feedback": ""}
    review_save_draft(scores=scores_for(round, 2, 2), version=0, **kwargs)  # first tab

    with pytest.raises(ValidationError) as raised:
        review_save_draft(scores=scores_for(round, 5, 5), version=0, **kwargs)  # second tab

    assert raised.value.code == "stale"
    assert "saved in another tab or window" in raised.value.messages[0]
    review = Review.objects.get(assignment=assignment)
    assert (review.version, sorted(review.scores.values_list("value", flat=True))) == (
        1,
        [Decimal(2), Decimal(2)],
    )


def test_review_save_draft_refuses_score_outside_the_scale(assignment):
    round = assignment.round
    first = round.criteria.first()

    with pytest.raises(ValidationError) as raised:
        review_save_draft(
            assignment=assignment,
            user=assignment.judge,
            scores=scores_for(round, 9, 3),
            comment="",
            feedback="",
            version=0,
        )

    assert raised.value.message_dict == {
        f"score_{first.pk}": ["Criterion 1: give a whole number from 1 to 5."]
    }
    assert Score.objects.filter(review__assignment=assignment).count() == 0


def test_review_submit_refuses_missing_required_criterion(assignment):
    round = assignment.round
    second = round.criteria.last()

    with pytest.raises(ValidationError) as raised:
        review_submit(
            assignment=assignment,
            user=assignment.judge,
            scores=scores_for(round, 4, ""),
            comment="",
            feedback="",
            version=0,
        )

    assert raised.value.message_dict == {
        f"score_{second.pk}": ["Criterion 2: a score is required."]
    }
    assert not Review.objects.filter(status=ReviewStatus.SUBMITTED).exists()


def test_review_submit_allows_blank_optional_criterion_and_locks(assignment):
    round = assignment.round
    CriterionFactory(round=round, name_en="Bonus", required=False, position=9)

    review = review_submit(
        assignment=assignment,
        user=assignment.judge,
        scores=scores_for(round, 4, 5, ""),
        comment="Good.",
        feedback="Keep going.",
        version=0,
    )

    assert review.status == ReviewStatus.SUBMITTED
    assert review.submitted_at is not None
    with pytest.raises(ValidationError) as raised:
        review_save_draft(
            assignment=assignment,
            user=assignment.judge,
            scores=scores_for(round, 1, 1, ""),
            comment="",
            feedback="",
            version=review.version,
        )
    assert raised.value.code == "submitted"


def test_review_submit_writes_an_audit_event(assignment):
    round = assignment.round

    review = review_submit(
        assignment=assignment,
        user=assignment.judge,
        scores=scores_for(round, 4, 5),
        comment="",
        feedback="",
        version=0,
    )

    event = AuditEvent.objects.get(action="review.submit")
    assert (event.actor, event.target_id, event.edition) == (
        assignment.judge,
        str(review.pk),
        round.category.edition,
    )
    assert event.data["weighted"] == "4.50"


def test_review_save_draft_after_deadline_is_refused(assignment):
    round = assignment.round
    round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    round.save()

    with pytest.raises(ValidationError) as raised:
        review_save_draft(
            assignment=assignment,
            user=assignment.judge,
            scores=scores_for(round, 4, 5),
            comment="",
            feedback="",
            version=0,
        )

    assert raised.value.code == "locked"
    assert "deadline has passed" in raised.value.messages[0]


def test_review_save_draft_by_another_user_is_forbidden(assignment):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        review_save_draft(
            assignment=assignment,
            user=UserFactory(),
            scores={},
            comment="",
            feedback="",
            version=0,
        )


def submitted(assignment):
    return review_submit(
        assignment=assignment,
        user=assignment.judge,
        scores=scores_for(assignment.round, 3, 3),
        comment="",
        feedback="",
        version=0,
    )


def test_review_reopen_by_chair_unlocks_audits_and_tells_the_judge(
    assignment, django_capture_on_commit_callbacks
):
    review = submitted(assignment)
    chair = JuryMemberFactory(category=assignment.round.category, role=JuryRole.CHAIR).user

    with django_capture_on_commit_callbacks(execute=True):
        review = review_reopen(review=review, by=chair)

    assert (review.status, review.submitted_at) == (ReviewStatus.DRAFT, None)
    assert review.reopened_at is not None
    assert AuditEvent.objects.filter(action="review.reopen", actor=chair).count() == 1
    assert [m.to for m in mail.outbox] == [[assignment.judge.email]]


def test_reopened_review_can_be_changed_after_the_deadline_until_the_round_closes(assignment):
    review = submitted(assignment)
    chair = JuryMemberFactory(category=assignment.round.category, role=JuryRole.CHAIR).user
    round = assignment.round
    round.closes_at = timezone.now() - dt.timedelta(hours=1)
    round.save()
    review = review_reopen(review=review, by=chair)

    review = review_save_draft(
        assignment=assignment,
        user=assignment.judge,
        scores=scores_for(round, 5, 5),
        comment="Changed my mind.",
        feedback="",
        version=review.version,
    )

    assert review.comment == "Changed my mind."
    round.status = RoundStatus.CLOSED
    round.save()
    with pytest.raises(ValidationError) as raised:
        review_save_draft(
            assignment=assignment,
            user=assignment.judge,
            scores=scores_for(round, 1, 1),
            comment="",
            feedback="",
            version=review.version,
        )
    assert raised.value.messages == ["The round is closed: reviews can no longer be changed."]


def test_review_reopen_by_a_judge_is_forbidden(assignment):
    from django.core.exceptions import PermissionDenied

    review = submitted(assignment)

    with pytest.raises(PermissionDenied):
        review_reopen(review=review, by=assignment.judge)


def test_review_reopen_of_a_draft_before_the_deadline_is_refused(assignment):
    review = Review.objects.create(assignment=assignment)
    chair = JuryMemberFactory(category=assignment.round.category, role=JuryRole.CHAIR).user

    with pytest.raises(ValidationError) as raised:
        review_reopen(review=review, by=chair)

    assert raised.value.code == "not_submitted"


# Views


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_review_saves_racing_from_two_tabs_let_exactly_one_through():
    import threading

    assignment = assign(round=judged_round())
    review_save_draft(
        assignment=assignment,
        user=assignment.judge,
        scores={},
        comment="",
        feedback="",
        version=0,
    )
    barrier = threading.Barrier(4)
    outcomes = []

    def save(value):
        from django.db import connections

        barrier.wait()
        try:
            review_save_draft(
                assignment=assignment,
                user=assignment.judge,
                scores=scores_for(assignment.round, value, value),
                comment=f"tab {value}",
                feedback="",
                version=1,
            )
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(value,)) for value in (2, 3, 4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "stale", "stale", "stale"]
    assert Review.objects.get(assignment=assignment).version == 2
