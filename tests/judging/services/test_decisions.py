from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from judging.enums import DecisionOutcome, JuryRole, RoundStatus
from judging.models import Decision, ResultsSnapshot, Score
from judging.services.decisions import decision_record, decisions_record, round_is_final
from tests.factories import JuryMemberFactory, RoundFactory
from tests.judging.builders import conflict
from tests.judging.selectors.test_results import small_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round():
    round, judges, entries = small_round()
    round.status = RoundStatus.CLOSED
    round.save()
    RoundFactory(category=round.category, position=round.position + 1, name_en="Final")
    return round, judges, entries


@pytest.fixture
def chair(closed_round):
    round, _judges, _entries = closed_round
    return JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user


def record(round, entry, chair, *, outcome=DecisionOutcome.ADVANCE, reason="Strong idea.", **kw):
    return decision_record(
        round=round,
        entry=entry,
        outcome=outcome,
        reason=reason,
        by=chair,
        method=kw.get("method", "mean"),
        parameters=kw.get("parameters", {"top_n": 2}),
    )


def test_decision_record_stores_decision_snapshot_and_audit_event(closed_round, chair):
    round, _judges, entries = closed_round

    decision = record(round, entries["First"], chair)

    decision.refresh_from_db()
    assert (decision.outcome, decision.reason, decision.decided_by) == (
        DecisionOutcome.ADVANCE,
        "Strong idea.",
        chair,
    )
    snapshot = decision.snapshot
    assert snapshot.method == "mean"
    assert snapshot.parameters == {
        "top_n": 2,
        "bootstrap": 1000,
        "seed": 0,
        "hidden_entries": [],
    }
    assert [row["entry_id"] for row in snapshot.table["entries"]] == [
        entries["First"].pk,
        entries["Third"].pk,
        entries["Second"].pk,
    ]
    assert len(snapshot.inputs_hash) == 64
    event = AuditEvent.objects.get(action="decision.record")
    assert (event.actor, event.target_id, event.data["outcome"], event.data["snapshot"]) == (
        chair,
        str(decision.pk),
        "advance",
        snapshot.pk,
    )


def test_decision_record_reuses_an_identical_snapshot(closed_round, chair):
    round, _judges, entries = closed_round

    first = record(round, entries["First"], chair)
    second = record(round, entries["Third"], chair)

    assert first.snapshot_id == second.snapshot_id
    assert ResultsSnapshot.objects.count() == 1


def test_decision_record_takes_a_new_snapshot_after_scores_change_and_keeps_the_old(
    closed_round, chair
):
    round, _judges, entries = closed_round
    first = record(round, entries["First"], chair)
    old_table = first.snapshot.table
    Score.objects.filter(review__assignment__entry=entries["Second"]).update(value=Decimal(5))

    second = record(round, entries["Second"], chair)

    assert second.snapshot_id != first.snapshot_id
    first.snapshot.refresh_from_db()
    assert first.snapshot.table == old_table
    assert second.snapshot.table["entries"][0]["entry_id"] == entries["Second"].pk


def test_decision_record_on_the_same_entry_replaces_the_decision(closed_round, chair):
    round, _judges, entries = closed_round
    record(round, entries["Second"], chair)

    record(round, entries["Second"], chair, outcome=DecisionOutcome.ELIMINATE, reason="Weak.")

    decisions = list(Decision.objects.values_list("entry_id", "outcome", "reason"))
    assert decisions == [(entries["Second"].pk, "eliminate", "Weak.")]
    previous = AuditEvent.objects.filter(action="decision.record").order_by("pk").last()
    assert previous.data["previous_outcome"] == "advance"


def test_decision_record_refuses_an_open_round(chair):
    round, _judges, entries = small_round()
    JuryMemberFactory(category=round.category, role=JuryRole.CHAIR, user=chair)

    with pytest.raises(ValidationError) as error:
        record(round, entries["First"], chair, outcome=DecisionOutcome.ELIMINATE)

    assert error.value.messages == ["Close the round before recording decisions."]
    assert Decision.objects.count() == 0


def test_decision_record_refuses_a_blank_reason(closed_round, chair):
    round, _judges, entries = closed_round

    with pytest.raises(ValidationError) as error:
        record(round, entries["First"], chair, reason="   ")

    assert error.value.messages == ["Give a reason for the decision."]


def test_decision_record_in_the_final_round_gives_prizes_not_advancing(closed_round, chair):
    round, _judges, entries = closed_round
    round.category.rounds.exclude(pk=round.pk).delete()  # now the category's last round

    winner = record(round, entries["First"], chair, outcome=DecisionOutcome.WINNER)
    with pytest.raises(ValidationError) as error:
        record(round, entries["Third"], chair, outcome=DecisionOutcome.ADVANCE)

    assert winner.outcome == DecisionOutcome.WINNER
    assert error.value.messages == [
        "In this round the outcome is one of: winner, runner-up, honourable mention, eliminate."
    ]


def test_decision_record_before_the_final_round_advances_or_eliminates(closed_round, chair):
    round, _judges, entries = closed_round

    with pytest.raises(ValidationError) as error:
        record(round, entries["First"], chair, outcome=DecisionOutcome.WINNER)

    assert error.value.messages == ["In this round the outcome is one of: advance, eliminate."]
    assert round_is_final(round=round) is False


def test_decision_record_refuses_entries_outside_the_round(closed_round, chair):
    round, _judges, entries = closed_round
    other_round, _other_judges, other_entries = small_round()

    with pytest.raises(ValidationError) as error:
        record(round, other_entries["First"], chair)

    assert error.value.messages == [f"Not in this round: {other_entries['First'].reference}."]


def test_decision_record_refuses_a_chair_conflicted_with_the_entry(closed_round, chair):
    round, _judges, entries = closed_round
    conflict(judge=chair, entry=entries["First"])

    with pytest.raises(PermissionDenied):
        record(round, entries["First"], chair)

    assert Decision.objects.count() == 0


def test_decision_record_refuses_judges(closed_round):
    round, (ada, _bo, _cy), entries = closed_round
    JuryMemberFactory(category=round.category, role=JuryRole.JUDGE, user=ada)

    with pytest.raises(PermissionDenied):
        record(round, entries["First"], ada)


def test_decision_record_by_a_conflicted_chair_snapshots_without_their_entries(closed_round, chair):
    round, _judges, entries = closed_round
    conflict(judge=chair, entry=entries["Second"])

    decision = record(round, entries["First"], chair)

    snapshot = decision.snapshot
    assert snapshot.parameters["hidden_entries"] == [entries["Second"].pk]
    assert [row["entry_id"] for row in snapshot.table["entries"]] == [
        entries["First"].pk,
        entries["Third"].pk,
    ]


def test_decisions_record_gives_many_entries_one_snapshot(closed_round, chair):
    round, _judges, entries = closed_round

    decisions = decisions_record(
        round=round,
        entries=[entries["First"], entries["Third"]],
        outcome=DecisionOutcome.ADVANCE,
        reason="Top two.",
        by=chair,
        method="offset",
        parameters={"top_n": 2},
    )

    assert {d.snapshot_id for d in decisions} == {ResultsSnapshot.objects.get().pk}
    assert AuditEvent.objects.filter(action="decision.record").count() == 2
