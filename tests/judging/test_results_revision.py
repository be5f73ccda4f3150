"""The database moves a round's results revision on with every change its analysis reads."""

from decimal import Decimal

import pytest

from judging.enums import ConflictStatus, ReviewStatus
from judging.models import Criterion, Review, Round, RoundEntry, RoundResultsRevision, Score
from judging.selectors.results import round_results_revision
from tests.factories import UserFactory
from tests.judging.builders import conflict
from tests.judging.selectors.test_results import small_round

pytestmark = pytest.mark.django_db


def test_a_bulk_score_update_moves_the_revision_on():
    round, _judges, entries = small_round()
    before = round_results_revision(round=round)

    Score.objects.filter(review__assignment__entry=entries["First"]).update(value=Decimal(1))

    assert round_results_revision(round=round) > before


def test_reopening_a_review_moves_the_revision_on():
    round, _judges, entries = small_round()
    before = round_results_revision(round=round)

    Review.objects.filter(assignment__entry=entries["Second"]).update(status=ReviewStatus.DRAFT)

    assert round_results_revision(round=round) > before


def test_a_confirmed_conflict_and_a_criterion_weight_move_the_revision_on():
    round, judges, entries = small_round()
    first = round_results_revision(round=round)
    flagged = conflict(judge=judges[0], entry=entries["First"], status=ConflictStatus.FLAGGED)
    second = round_results_revision(round=round)
    flagged.status = ConflictStatus.CONFIRMED
    flagged.save()
    third = round_results_revision(round=round)
    Criterion.objects.filter(round=round).update(weight=Decimal(3))

    assert first < second < third < round_results_revision(round=round)


def test_an_entry_leaving_the_round_and_a_new_reference_move_it_on_but_a_title_does_not():
    round, _judges, entries = small_round()
    before = round_results_revision(round=round)
    entry = entries["Third"]
    entry.title = "Renamed"
    entry.save()
    unchanged = round_results_revision(round=round)
    entry.reference = entry.reference + "X"
    entry.save()
    relabelled = round_results_revision(round=round)
    RoundEntry.objects.filter(round=round, entry=entry).delete()

    assert unchanged == before
    assert before < relabelled < round_results_revision(round=round)


def test_a_round_with_scores_can_be_deleted():
    round, _judges, _entries = small_round()
    other = small_round()[0]
    untouched = round_results_revision(round=other)

    Round.objects.filter(pk=round.pk).delete()

    assert not Score.objects.filter(review__assignment__round_id=round.pk).exists()
    assert round_results_revision(round=other) == untouched
    assert RoundResultsRevision.objects.filter(round_id=round.pk).exists()


def test_a_round_without_changes_is_at_revision_zero():
    round = small_round()[0]
    assert round_results_revision(round=Round(pk=round.pk + 1000)) == 0
    assert UserFactory()
