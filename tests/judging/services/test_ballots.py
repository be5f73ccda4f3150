import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from judging.enums import ReviewStatus, RoundMode, RoundStatus
from judging.models import RankPlace, Review, ScreeningVote
from judging.selectors.ballots import ballot_results
from judging.services.ballots import (
    ranking_save,
    screening_answer_save,
    screening_submit,
)
from judging.services.reviews import review_reopen, review_submit
from tests.factories import JuryMemberFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round

pytestmark = pytest.mark.django_db


def _round(mode, judges=2, entries=3, **fields):
    round = judged_round(criteria=0, mode=mode, **fields)
    people = [UserFactory() for _ in range(judges)]
    first = [assign(round=round, judge=people[0]) for _ in range(entries)]
    for judge in people[1:]:
        for a in first:
            assign(round=round, judge=judge, entry=a.entry)
    return round, people, [a.entry for a in first]


def _mine(round, judge):
    return list(round.assignments.filter(judge=judge).order_by("entry_id"))


def test_screening_answer_is_saved_and_changed():
    round, (judge, _other), _entries = _round(RoundMode.SCREENING)
    assignment = _mine(round, judge)[0]

    screening_answer_save(assignment=assignment, user=judge, answer="maybe", reason=" not sure ")
    screening_answer_save(assignment=assignment, user=judge, answer="yes")

    vote = ScreeningVote.objects.get(assignment=assignment)
    assert (vote.answer, vote.reason) == ("yes", "")
    assert Review.objects.get(assignment=assignment).status == ReviewStatus.DRAFT


def test_screening_answer_refuses_someone_elses_assignment_and_unknown_answers():
    round, (judge, other), _entries = _round(RoundMode.SCREENING)
    assignment = _mine(round, judge)[0]

    with pytest.raises(PermissionDenied):
        screening_answer_save(assignment=assignment, user=other, answer="yes")
    with pytest.raises(ValidationError) as refused:
        screening_answer_save(assignment=assignment, user=judge, answer="perhaps")
    assert refused.value.code == "answer"


def test_screening_answer_refused_in_a_rubric_round_and_after_the_deadline():
    round, (judge, _other), _entries = _round(RoundMode.RUBRIC)
    with pytest.raises(PermissionDenied):
        screening_answer_save(assignment=_mine(round, judge)[0], user=judge, answer="yes")

    late, (judge, _other), _entries = _round(
        RoundMode.SCREENING, closes_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as refused:
        screening_answer_save(assignment=_mine(late, judge)[0], user=judge, answer="yes")
    assert refused.value.code == "locked"


def test_screening_submit_needs_every_answer_then_locks_and_audits():
    round, (judge, _other), entries = _round(RoundMode.SCREENING)
    mine = _mine(round, judge)
    screening_answer_save(assignment=mine[0], user=judge, answer="yes")

    with pytest.raises(ValidationError) as refused:
        screening_submit(round=round, user=judge)
    assert refused.value.code == "incomplete"

    for a in mine[1:]:
        screening_answer_save(assignment=a, user=judge, answer="no")
    assert screening_submit(round=round, user=judge) == 3

    assert set(Review.objects.filter(assignment__in=mine).values_list("status", flat=True)) == {
        ReviewStatus.SUBMITTED
    }
    entry = AuditEvent.objects.get(action="screening.submit")
    assert entry.data["answers"] == {
        str(entries[0].pk): "yes",
        str(entries[1].pk): "no",
        str(entries[2].pk): "no",
    }
    with pytest.raises(ValidationError) as refused:
        screening_answer_save(assignment=mine[0], user=judge, answer="no")
    assert refused.value.code == "submitted"


def test_screening_reopened_by_the_chair_can_change_again():
    round, (judge, _other), _entries = _round(RoundMode.SCREENING, entries=1)
    assignment = _mine(round, judge)[0]
    screening_answer_save(assignment=assignment, user=judge, answer="yes")
    screening_submit(round=round, user=judge)
    chair = JuryMemberFactory(category=round.category, role="chair").user

    review_reopen(review=Review.objects.get(assignment=assignment), by=chair)
    screening_answer_save(assignment=assignment, user=judge, answer="no")

    assert ScreeningVote.objects.get(assignment=assignment).answer == "no"


def test_screening_results_by_yes_share_with_threshold():
    round, (a, b), entries = _round(RoundMode.SCREENING)
    answers = {a: ["yes", "yes", "no"], b: ["yes", "maybe", "no"]}
    for judge, given in answers.items():
        for assignment, answer in zip(_mine(round, judge), given, strict=True):
            screening_answer_save(assignment=assignment, user=judge, answer=answer)
        screening_submit(round=round, user=judge)

    result = ballot_results(round=round)

    assert [
        (r["entry_id"], r["yes_share"], r["advances"], r["rank"]) for r in result["entries"]
    ] == [
        (entries[0].pk, 1.0, True, 1),
        (entries[1].pk, 0.5, True, 2),
        (entries[2].pk, 0.0, False, 3),
    ]
    assert result["judges"] == 2


def test_screening_results_leave_out_drafts_conflicts_and_hidden_entries():
    round, (a, b), entries = _round(RoundMode.SCREENING)
    for assignment in _mine(round, a):
        screening_answer_save(assignment=assignment, user=a, answer="yes")
    screening_submit(round=round, user=a)
    screening_answer_save(assignment=_mine(round, b)[0], user=b, answer="no")  # a draft
    conflict(judge=a, entry=entries[1])

    result = ballot_results(round=round, hidden={entries[2].pk})

    assert [(r["entry_id"], r["yes"], r["no"]) for r in result["entries"]] == [
        (entries[0].pk, 1, 0),
        (entries[1].pk, 0, 0),
    ]


def test_ranking_save_draft_then_submit_with_ties():
    round, (judge, _other), entries = _round(RoundMode.RANKING)
    mine = _mine(round, judge)

    ranking_save(round=round, user=judge, ranks={mine[0].pk: 2, mine[1].pk: None})
    assert dict(RankPlace.objects.values_list("assignment_id", "rank")) == {mine[0].pk: 2}

    with pytest.raises(ValidationError) as refused:
        ranking_save(round=round, user=judge, ranks={mine[0].pk: 1}, submit=True)
    assert refused.value.code == "incomplete"

    ranks = {mine[0].pk: 2, mine[1].pk: 1, mine[2].pk: 1}
    assert ranking_save(round=round, user=judge, ranks=ranks, submit=True) == ranks
    entry = AuditEvent.objects.get(action="ranking.submit")
    assert entry.data["ranks"] == {
        str(entries[0].pk): 2,
        str(entries[1].pk): 1,
        str(entries[2].pk): 1,
    }
    assert Review.objects.filter(assignment__in=mine, status=ReviewStatus.SUBMITTED).count() == 3


@pytest.mark.parametrize(
    ("ranks", "code"),
    [
        ({0: 0}, "rank"),
        ({0: 4}, "rank"),
        ({0: 1, 1: 2, 2: 3}, "limit"),
    ],
)
def test_ranking_save_refuses_bad_ranks_and_too_many(ranks, code):
    round, (judge, _other), _entries = _round(RoundMode.RANKING, ranking_limit=2)
    mine = _mine(round, judge)

    with pytest.raises(ValidationError) as refused:
        ranking_save(round=round, user=judge, ranks={mine[i].pk: r for i, r in ranks.items()})

    assert refused.value.code == code
    assert RankPlace.objects.count() == 0


def test_ranking_with_a_limit_submits_a_partial_ballot():
    round, (judge, _other), _entries = _round(RoundMode.RANKING, ranking_limit=2)
    mine = _mine(round, judge)

    ranking_save(round=round, user=judge, ranks={mine[2].pk: 1}, submit=True)

    assert RankPlace.objects.get().assignment == mine[2]


def test_ranking_refuses_an_assignment_of_another_judge():
    round, (judge, other), _entries = _round(RoundMode.RANKING)

    with pytest.raises(PermissionDenied):
        ranking_save(round=round, user=judge, ranks={_mine(round, other)[0].pk: 1})


def test_ranking_results_by_borda_and_schulze_with_leave_one_judge_out():
    round, judges, entries = _round(RoundMode.RANKING, judges=3)
    orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2]]
    for judge, order in zip(judges, orders, strict=True):
        mine = {a.entry_id: a for a in _mine(round, judge)}
        ranks = {mine[entries[i].pk].pk: r for r, i in enumerate(order, start=1)}
        ranking_save(round=round, user=judge, ranks=ranks, submit=True)

    borda = ballot_results(round=round)
    assert [(r["entry_id"], r["points"]) for r in borda["entries"]] == [
        (entries[0].pk, 5),
        (entries[1].pk, 3),
        (entries[2].pk, 1),
    ]
    assert borda["robustness"]["variants"] == 3
    round.ranking_method = "schulze"
    schulze = ballot_results(round=round)
    assert [r["entry_id"] for r in schulze["entries"]] == [e.pk for e in entries]
    assert schulze["method"] == "schulze"


def test_rubric_review_submit_is_refused_in_other_modes():
    round, (judge, _other), _entries = _round(RoundMode.RANKING)

    with pytest.raises(ValidationError) as refused:
        review_submit(
            assignment=_mine(round, judge)[0],
            user=judge,
            scores={},
            comment="",
            feedback="",
            version=0,
        )

    assert refused.value.code == "locked"


def test_closed_round_refuses_ranking():
    round, (judge, _other), _entries = _round(RoundMode.RANKING, status=RoundStatus.CLOSED)

    with pytest.raises(ValidationError) as refused:
        ranking_save(round=round, user=judge, ranks={})

    assert refused.value.code == "locked"
