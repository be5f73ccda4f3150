import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from judging.enums import ReviewStatus, RoundMode
from judging.models import PairComparison, Review
from judging.selectors.ballots import ballot_results
from judging.services.comparisons import pair_answer, pair_next, pair_progress, pair_quota
from tests.factories import UserFactory
from tests.judging.builders import assign, conflict, judged_round

pytestmark = pytest.mark.django_db


def _round(*, judges=2, entries=4, per_entry=2):
    round = judged_round(criteria=0, mode=RoundMode.PAIRWISE, comparisons_per_entry=per_entry)
    people = [UserFactory() for _ in range(judges)]
    first = [assign(round=round, judge=people[0]) for _ in range(entries)]
    for judge in people[1:]:
        for a in first:
            assign(round=round, judge=judge, entry=a.entry)
    return round, people, [a.entry for a in first]


def _answer_all(round, judge, choose):
    """Answer pairs until the judge's last comparison submits their part of the round."""
    finished = False
    while not finished:
        comparison = pair_next(round=round, user=judge)
        finished = pair_answer(comparison=comparison, user=judge, outcome=choose(comparison))


def test_pair_quota_is_half_of_entries_times_comparisons_capped_at_every_pair():
    round, _people, _entries = _round(per_entry=2)
    assert [pair_quota(round=round, assigned=n) for n in (0, 1, 2, 3, 4, 5)] == [0, 0, 1, 3, 4, 5]
    round.comparisons_per_entry = 10
    assert pair_quota(round=round, assigned=4) == 6


def test_pair_next_repeats_the_unanswered_pair_and_never_shows_a_pair_twice():
    round, (judge, _other), _entries = _round(entries=4, per_entry=3)  # all 6 pairs

    shown = pair_next(round=round, user=judge)
    assert pair_next(round=round, user=judge) == shown
    _answer_all(round, judge, lambda c: "first")

    pairs = [frozenset(p) for p in PairComparison.objects.values_list("first_id", "second_id")]
    assert len(pairs) == len(set(pairs)) == 6
    assert pair_progress(round=round, judge=judge) == (6, 6)


def test_every_entry_is_compared_about_equally_often():
    round, (judge, _other), entries = _round(entries=6, per_entry=2)

    _answer_all(round, judge, lambda c: "equal")

    counts = {e.pk: 0 for e in entries}
    for first, second in PairComparison.objects.values_list("first_id", "second_id"):
        counts[first] += 1
        counts[second] += 1
    assert sorted(counts.values()) == [2, 2, 2, 2, 2, 2]


def test_last_answer_submits_and_audits():
    round, (judge, _other), _entries = _round(entries=3, per_entry=1)  # 2 comparisons

    first = pair_next(round=round, user=judge)
    assert pair_answer(comparison=first, user=judge, outcome="first") is False
    second = pair_next(round=round, user=judge)
    assert pair_answer(comparison=second, user=judge, outcome="second") is True

    assert set(Review.objects.filter(assignment__judge=judge).values_list("status", flat=True)) == {
        ReviewStatus.SUBMITTED
    }
    assert AuditEvent.objects.get(action="pairwise.submit").data["comparisons"] == 2
    with pytest.raises(ValidationError) as refused:
        pair_next(round=round, user=judge)
    assert refused.value.code == "submitted"


def test_answer_refused_for_another_judge_twice_or_unknown():
    round, (judge, other), _entries = _round()
    comparison = pair_next(round=round, user=judge)

    with pytest.raises(PermissionDenied):
        pair_answer(comparison=comparison, user=other, outcome="first")
    with pytest.raises(ValidationError) as refused:
        pair_answer(comparison=comparison, user=judge, outcome="both")
    assert refused.value.code == "outcome"
    pair_answer(comparison=comparison, user=judge, outcome="first")
    with pytest.raises(ValidationError) as refused:
        pair_answer(comparison=comparison, user=judge, outcome="second")
    assert refused.value.code == "answered"


def test_a_new_conflict_drops_the_pending_pair_and_the_entry():
    round, (judge, _other), entries = _round(entries=4, per_entry=3)
    pending = pair_next(round=round, user=judge)
    conflict(judge=judge, entry=pending.first)

    _answer_all(round, judge, lambda c: "first")

    assert not PairComparison.objects.filter(pk=pending.pk).exists()
    seen = {e for p in PairComparison.objects.values_list("first_id", "second_id") for e in p}
    assert pending.first_id not in seen
    assert PairComparison.objects.count() == 3  # every pair of the three entries left


def test_pair_next_refused_outside_pairwise_rounds_and_without_assignments():
    round, (judge, _other), _entries = _round()
    with pytest.raises(PermissionDenied):
        pair_next(round=round, user=UserFactory())
    round.mode = RoundMode.RANKING
    with pytest.raises(PermissionDenied):
        pair_next(round=round, user=judge)


def test_pairwise_results_follow_a_consistent_order_with_intervals():
    round, judges, entries = _round(judges=3, entries=4, per_entry=3)
    strength = {e.pk: s for e, s in zip(entries, (4, 3, 2, 1), strict=True)}

    for judge in judges:
        _answer_all(
            round,
            judge,
            lambda c: "first" if strength[c.first_id] > strength[c.second_id] else "second",
        )
    result = ballot_results(round=round)

    rows = result["entries"]
    assert [r["entry_id"] for r in rows] == [e.pk for e in entries]
    assert all(r["ability_low"] < r["ability"] < r["ability_high"] for r in rows)
    assert [r["comparisons"] for r in rows] == [9, 9, 9, 9]
    assert abs(sum(r["ability"] for r in rows)) < 1e-9
    assert result["judges"] == 3
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
