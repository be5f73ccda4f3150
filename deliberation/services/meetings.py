"""A jury meeting on a closed round: starting it (the agenda frozen in the order of how
unsettled each place is), moving the focus, recording decisions through judging's decision
service, attendance and the end."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from deliberation.agenda import agenda_order
from deliberation.models import Meeting, MeetingAttendance, MeetingDecision
from judging.access import may_chair
from judging.enums import RoundStatus
from judging.models import Round
from judging.results_rows import results_for_viewer
from judging.services.decisions import decision_record
from submissions.models import Entry

AGENDA_KEYS = (
    "reference",
    "title",
    "rank",
    "mean",
    "calibrated",
    "sd",
    "reviews",
    "top_probability",
    "top_percent",
)


def meeting_agenda_build(*, round: Round, by, method: str, top_n: int) -> list[dict]:
    """The agenda as `by` may see it (their conflicted entries left out): plain data, ordered
    by `deliberation.agenda`, each with the figures the meeting shows."""
    view = results_for_viewer(round=round, user=by, method=method, top_n=top_n)
    scale = (view.result or {}).get("scale") or {"min": 0, "max": 0}
    rows = {row["entry_id"]: row for row in view.rows}
    items = agenda_order(
        rows=list(rows.values()), top_n=top_n, scale_span=scale["max"] - scale["min"]
    )
    agenda = []
    for item in items:
        row = rows[item.entry_id]
        agenda.append(
            {
                "entry_id": item.entry_id,
                **{key: row.get(key) for key in AGENDA_KEYS},
                "unsettled": item.unsettled,
                "settled": item.settled,
                "reasons": item.reasons,
            }
        )
    return agenda


@transaction.atomic
def meeting_start(*, round: Round, by, method: str = "mean", top_n: int = 3) -> Meeting:
    """Open a meeting on a closed round with its agenda; the first entry is in focus. Writes
    `meeting.start`."""
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    if not may_chair(user=by, category=round.category):
        raise PermissionDenied
    if round.status != RoundStatus.CLOSED:
        raise ValidationError(_("Close the round before the jury meets on it."), code="open")
    agenda = meeting_agenda_build(round=round, by=by, method=method, top_n=top_n)
    meeting = Meeting.objects.create(
        round=round,
        method=method,
        top_n=top_n,
        agenda=agenda,
        focus_entry_id=agenda[0]["entry_id"] if agenda else None,
        started_by=by,
    )
    audit_record(
        actor=by,
        action="meeting.start",
        target=meeting,
        summary=f"meeting on {round}",
        data={"round": round.pk, "entries": len(agenda), "method": method, "top_n": top_n},
        edition=round.category.edition,
    )
    return meeting


def _locked_open(meeting: Meeting) -> Meeting:
    locked = (
        Meeting.objects.select_for_update().select_related("round__category").get(pk=meeting.pk)
    )
    if locked.ended_at is not None:
        raise ValidationError(_("This meeting has ended."), code="ended")
    return locked


@transaction.atomic
def meeting_focus(*, meeting: Meeting, entry_id: int, by) -> Meeting:
    """Put an agenda entry in focus: every follower's screen moves to it."""
    meeting = _locked_open(meeting)
    if entry_id not in {item["entry_id"] for item in meeting.agenda}:
        raise ValidationError(_("That entry is not on the agenda."), code="agenda")
    meeting.focus_entry_id = entry_id
    meeting.version += 1
    meeting.save(update_fields=["focus_entry", "version"])
    return meeting


@transaction.atomic
def meeting_decide(*, meeting: Meeting, outcome: str, reason: str, by) -> MeetingDecision:
    """Record the decision on the entry in focus with `decision_record` (its rules, its results
    snapshot and its audit event `decision.record`), and note it in the meeting's minutes."""
    meeting = _locked_open(meeting)
    if meeting.focus_entry_id is None:
        raise ValidationError(_("No entry is in focus."), code="focus")
    entry = Entry.objects.get(pk=meeting.focus_entry_id)
    decision = decision_record(
        round=meeting.round,
        entry=entry,
        outcome=outcome,
        reason=reason,
        by=by,
        method=meeting.method,
        parameters={"top_n": meeting.top_n},
    )
    meeting.version += 1
    meeting.save(update_fields=["version"])
    return MeetingDecision.objects.create(
        meeting=meeting,
        decision=decision,
        entry=entry,
        outcome=decision.outcome,
        reason=decision.reason,
        recorded_by=by,
    )


@transaction.atomic
def meeting_end(*, meeting: Meeting, by) -> Meeting:
    """End the meeting; its minutes stay. Writes `meeting.end`."""
    meeting = _locked_open(meeting)
    meeting.ended_at = timezone.now()
    meeting.version += 1
    meeting.save(update_fields=["ended_at", "version"])
    audit_record(
        actor=by,
        action="meeting.end",
        target=meeting,
        summary=f"meeting on {meeting.round} ended",
        data={"round": meeting.round_id, "decisions": meeting.decisions.count()},
        edition=meeting.round.category.edition,
    )
    return meeting


def meeting_attend(*, meeting: Meeting, user) -> None:
    """Note that `user` follows the meeting (for the minutes' list of who attended)."""
    if meeting.ended_at is None:
        MeetingAttendance.objects.update_or_create(meeting=meeting, user=user)
