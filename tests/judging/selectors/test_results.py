from decimal import Decimal

import pytest

from judging.enums import ReviewStatus
from judging.models import Review, RoundEntry, Score
from judging.selectors.results import (
    round_results_analyse,
    round_scores_load,
    snapshot_parameters,
    snapshots_changed,
)
from tests.factories import CriterionFactory, RoundFactory, UserFactory
from tests.judging.builders import assign, conflict

pytestmark = pytest.mark.django_db


def two_decimals(value):
    return round(value, 2)  # a helper, as the tests' `round` fixture shadows the builtin


def review(assignment, values, *, status=ReviewStatus.SUBMITTED):
    """A review of `assignment` scoring the round's criteria (in order) with `values`."""
    record = Review.objects.create(assignment=assignment, status=status, version=1)
    criteria = list(assignment.round.criteria.order_by("position", "pk"))
    for criterion, value in zip(criteria, values, strict=False):
        Score.objects.create(review=record, criterion=criterion, value=value)
    return record


def small_round():
    """Three entries scored by three judges on two criteria weighing 2 and 1.

    Weighted scores: first 5, 4, 4 (mean 4.33); second 3, 2, 3 (2.67); third 3, 3, 4 (3.33)."""
    round = RoundFactory(reviews_per_entry=3)
    CriterionFactory(round=round, position=0, name_en="Idea", weight=2)
    CriterionFactory(round=round, position=1, name_en="Team", weight=1)
    judges = [UserFactory(display_name=name) for name in ("Ada", "Bo", "Cy")]
    scores = {
        "First": [(5, 5), (4, 4), (5, 2)],
        "Second": [(3, 3), (2, 2), (3, 3)],
        "Third": [(4, 1), (3, 3), (4, 4)],
    }
    entries = {}
    for title, per_judge in scores.items():
        entry = None
        for judge, values in zip(judges, per_judge, strict=True):
            assignment = assign(round=round, judge=judge, entry=entry, title=title)
            entry = assignment.entry
            review(assignment, values)
        entries[title] = entry
    return round, judges, entries


def test_round_scores_load_reads_submitted_scores_with_labels():
    round, judges, entries = small_round()

    scores = round_scores_load(round=round)

    assert len(scores.rows) == 18
    assert scores.entry_labels == {e.pk: e.reference for e in entries.values()}
    assert [c.name_en for c in scores.criteria] == ["Idea", "Team"]
    assert {row[1] for row in scores.rows} == {j.pk for j in judges}


def test_round_scores_load_leaves_out_draft_reviews():
    round, judges, entries = small_round()
    late = assign(round=round, judge=UserFactory(), entry=entries["First"])
    review(late, (1, 1), status=ReviewStatus.DRAFT)

    scores = round_scores_load(round=round)

    assert len(scores.rows) == 18


def test_round_scores_load_leaves_out_conflicted_judges_on_that_entry_only():
    round, (ada, _bo, _cy), entries = small_round()
    conflict(judge=ada, entry=entries["First"])

    scores = round_scores_load(round=round)

    ada_entries = {row[0] for row in scores.rows if row[1] == ada.pk}
    assert ada_entries == {entries["Second"].pk, entries["Third"].pk}
    assert len(scores.rows) == 16


def test_round_scores_load_leaves_out_entries_taken_out_of_the_round():
    round, _judges, entries = small_round()
    RoundEntry.objects.filter(round=round, entry=entries["Second"]).delete()

    scores = round_scores_load(round=round)

    assert {row[0] for row in scores.rows} == {entries["First"].pk, entries["Third"].pk}


def test_round_scores_load_takes_two_queries(django_assert_num_queries):
    round, _judges, _entries = small_round()

    with django_assert_num_queries(2):
        round_scores_load(round=round)


def test_inputs_hash_follows_scores_and_weights_only():
    round, _judges, entries = small_round()
    before = round_scores_load(round=round).inputs_hash

    again = round_scores_load(round=round).inputs_hash
    first = Score.objects.order_by("pk").first()  # Ada's 5 on "Idea" for the first entry
    Score.objects.filter(pk=first.pk).update(value=Decimal("1"))
    after_score = round_scores_load(round=round).inputs_hash
    round.criteria.filter(position=1).update(weight=3)
    after_weight = round_scores_load(round=round).inputs_hash

    assert again == before
    assert len({before, after_score, after_weight}) == 3


def test_round_results_analyse_ranks_by_weighted_mean():
    round, _judges, entries = small_round()

    result = round_results_analyse(scores=round_scores_load(round=round), method="mean", top_n=1)

    ranked = [
        (row["entry_id"], row["rank"], two_decimals(row["mean"])) for row in result["entries"]
    ]
    assert ranked == [
        (entries["First"].pk, 1, 4.33),
        (entries["Third"].pk, 2, 3.33),
        (entries["Second"].pk, 3, 2.67),
    ]
    assert result["reliability"]["icc"] is not None


def test_round_results_analyse_is_none_without_scores():
    round = RoundFactory()

    assert (
        round_results_analyse(scores=round_scores_load(round=round), method="mean", top_n=3) is None
    )


def test_snapshots_changed_compares_with_the_snapshots_own_exclusions():
    round, _judges, entries = small_round()
    scores = round_scores_load(round=round)
    hidden = {entries["Second"].pk}

    class Snapshot:
        def __init__(self, pk, inputs_hash, hidden_entries=()):
            self.pk = pk
            self.inputs_hash = inputs_hash
            self.parameters = snapshot_parameters(top_n=3, hidden_entry_ids=hidden_entries)

    current = Snapshot(1, scores.without(hidden).inputs_hash, hidden)
    full = Snapshot(2, scores.inputs_hash)
    old = Snapshot(3, "0" * 64)

    assert snapshots_changed(scores=scores, snapshots=[current, full, old]) == {3}
