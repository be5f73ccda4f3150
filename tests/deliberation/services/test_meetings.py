import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from deliberation.meeting_reads import agenda_for_viewer, focus_for_viewer, meeting_minutes
from deliberation.services.meetings import (
    meeting_attend,
    meeting_decide,
    meeting_end,
    meeting_focus,
    meeting_start,
)
from judging.enums import DecisionOutcome, RoundStatus
from judging.models import Decision
from tests.deliberation.meeting_builders import closed_round
from tests.judging.builders import conflict

pytestmark = pytest.mark.django_db


def test_meeting_needs_a_closed_round():
    scored = closed_round()
    scored.round.status = RoundStatus.OPEN
    scored.round.save()

    with pytest.raises(ValidationError) as refused:
        meeting_start(round=scored.round, by=scored.chair)

    assert refused.value.code == "open"


def test_agenda_covers_every_entry_unsettled_first():
    scored = closed_round()

    meeting = meeting_start(round=scored.round, by=scored.chair, top_n=1)

    agenda = meeting.agenda
    assert len(agenda) == 4
    assert sorted(item["settled"] for item in agenda) == [item["settled"] for item in agenda]
    assert meeting.focus_entry_id == agenda[0]["entry_id"]
    assert {"rank", "mean", "calibrated", "sd", "unsettled", "reasons"} <= set(agenda[0])
    assert AuditEvent.objects.filter(action="meeting.start").count() == 1


def test_decision_in_the_meeting_goes_through_the_decision_service_and_the_minutes():
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair, top_n=1)
    meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
    meeting_attend(meeting=meeting, user=scored.judge)
    conflicted = scored.reviews[1].assignment.judge
    conflict(judge=conflicted, entry=scored.entry)

    recorded = meeting_decide(
        meeting=meeting, outcome=DecisionOutcome.WINNER, reason="Clearest plan", by=scored.chair
    )
    meeting_end(meeting=meeting, by=scored.chair)
    minutes = meeting_minutes(meeting=meeting, viewer=scored.chair)

    decision = Decision.objects.get()
    assert (decision.entry_id, decision.reason, decision.snapshot is not None) == (
        scored.entry.pk,
        "Clearest plan",
        True,
    )
    assert recorded.decision == decision
    assert minutes.attendees == sorted([str(scored.chair), str(scored.judge)], key=str.lower)
    assert [(d.entry_id, d.outcome, d.reason) for d in minutes.decisions] == [
        (scored.entry.pk, "winner", "Clearest plan")
    ]
    assert minutes.conflicts == [(str(conflicted), scored.entry.reference)]
    with pytest.raises(ValidationError):
        meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)


def test_conflicted_viewer_sees_neither_the_entry_nor_its_place():
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair)
    meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
    conflict(judge=scored.judge, entry=scored.entry)

    agenda = agenda_for_viewer(meeting=meeting, viewer=scored.judge)
    focus = focus_for_viewer(meeting=meeting, viewer=scored.judge, presenter=False)

    assert scored.entry.pk not in [item["entry_id"] for item in agenda.items]
    assert (focus.item, focus.hidden) == (None, True)
