"""Reads for the meeting pages: who may open them, the agenda as a viewer may see it, the entry
in focus and the minutes. A fixed number of queries whatever the size of the agenda."""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from deliberation.access import discussion_seat
from deliberation.models import Meeting
from deliberation.selectors import discussion_threads
from judging.access import conflicted_entry_ids, jury_seats, may_chair
from judging.enums import ConflictStatus, ReviewStatus, Visibility
from judging.models import Conflict, JuryMember, Review
from judging.scores import weighted_score
from submissions.models import Entry


def _meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("round__category__edition"), pk=pk)


def get_meeting_for_chair(request, pk) -> Meeting:
    """The meeting, for the round's chairs and organisers; 404 for anyone else."""
    meeting = _meeting(pk)
    if not may_chair(user=request.user, category=meeting.round.category):
        raise Http404
    return meeting


def get_meeting_for_follower(request, pk) -> Meeting:
    """The meeting, for anyone seated on the category's jury (and chairs and organisers); 404
    for anyone else."""
    meeting = _meeting(pk)
    seated = jury_seats(user=request.user).filter(category_id=meeting.round.category_id).exists()
    if not seated and not may_chair(user=request.user, category=meeting.round.category):
        raise Http404
    return meeting


@dataclass
class AgendaView:
    items: list[dict]  # unsettled first, then settled: the agenda minus the viewer's conflicts
    decided: dict[int, object]  # entry id -> MeetingDecision

    @property
    def unsettled(self) -> list[dict]:
        return [item for item in self.items if not item["settled"]]

    @property
    def settled(self) -> list[dict]:
        return [item for item in self.items if item["settled"]]


def agenda_summary(item: dict) -> str:
    """Why an entry stands where it does on the agenda, in words (built here rather than in the
    template: a 2,000-entry agenda renders ten times faster)."""
    if item.get("rank") is None:
        return _("not scored")
    parts = [_("rank %(rank)s") % {"rank": item["rank"]}]
    if item.get("top_percent") is not None:
        parts.append(
            _("in the top places in %(percent)s%% of resamples") % {"percent": item["top_percent"]}
        )
    if item.get("sd") is not None:
        parts.append(_("spread %(sd)s") % {"sd": floatformat(item["sd"], 1)})
    return " · ".join(parts)


def agenda_for_viewer(*, meeting: Meeting, viewer) -> AgendaView:
    """Two queries."""
    hidden = conflicted_entry_ids(judge=viewer)
    decided = {d.entry_id: d for d in meeting.decisions.all()}
    items = [
        {
            **item,
            "position": position,
            "decision": decided.get(item["entry_id"]),
            "summary": agenda_summary(item),
        }
        for position, item in enumerate(meeting.agenda, start=1)
        if item["entry_id"] not in hidden
    ]
    return AgendaView(items=items, decided=decided)


@dataclass
class FocusView:
    item: dict | None
    hidden: bool = False  # the viewer is conflicted on the entry in focus
    figures: bool = True  # followers in a round whose judges never see scores see none
    judges: list = field(default_factory=list)  # presenter only: (name, weighted, scores)
    threads: list = field(default_factory=list)
    comments: list = field(default_factory=list)  # presenter only: (text, status)
    can_discuss: bool = False


def _judge_scores(*, meeting: Meeting, entry_id: int) -> list:
    criteria = list(meeting.round.criteria.all())
    reviews = (
        Review.objects.filter(
            assignment__round=meeting.round,
            assignment__entry_id=entry_id,
            status=ReviewStatus.SUBMITTED,
        )
        .exclude(
            assignment__judge__conflicts__entry_id=entry_id,
            assignment__judge__conflicts__status=ConflictStatus.CONFIRMED,
        )
        .select_related("assignment__judge")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for review in reviews:
        values = {score.criterion_id: score.value for score in review.scores.all()}
        rows.append(
            (
                str(review.assignment.judge),
                weighted_score((c.weight, values.get(c.pk)) for c in criteria),
                [values.get(c.pk) for c in criteria],
            )
        )
    return rows


def focus_for_viewer(*, meeting: Meeting, viewer, presenter: bool) -> FocusView:
    """The entry in focus as the viewer may see it."""
    entry_id = meeting.focus_entry_id
    item = next((i for i in meeting.agenda if i["entry_id"] == entry_id), None)
    if item is None:
        return FocusView(item=None)
    if entry_id in conflicted_entry_ids(judge=viewer):
        return FocusView(item=None, hidden=True)
    view = FocusView(item=item)
    view.figures = presenter or meeting.round.visibility != Visibility.NEVER
    seat = discussion_seat(user=viewer, round=meeting.round, entry=Entry.objects.get(pk=entry_id))
    if seat is not None:
        view.threads = discussion_threads(seat=seat, viewer=viewer)
        view.can_discuss = True
    if presenter:
        view.judges = _judge_scores(meeting=meeting, entry_id=entry_id)
        view.comments = list(
            Review.objects.filter(
                assignment__round=meeting.round,
                assignment__entry_id=entry_id,
                status=ReviewStatus.SUBMITTED,
            )
            .exclude(feedback="")
            .values_list("feedback", "feedback_moderation__status")
        )
    return view


@dataclass
class Minutes:
    meeting: Meeting
    attendees: list[str]
    decisions: list
    conflicts: list[tuple[str, str]]  # (person, entry reference) kept out
    criteria: list = field(default_factory=list)


def meeting_minutes(*, meeting: Meeting, viewer) -> Minutes:
    """Who attended, the decisions with their reasons, and the conflicts that kept someone out
    of an entry on the agenda (entries the viewer is conflicted on left out). Four queries."""
    hidden = conflicted_entry_ids(judge=viewer)
    references = {
        item["entry_id"]: item.get("reference") or f"#{item['entry_id']}"
        for item in meeting.agenda
        if item["entry_id"] not in hidden
    }
    attendees = sorted(
        {str(a.user) for a in meeting.attendance.select_related("user")}
        | ({str(meeting.started_by)} if meeting.started_by else set()),
        key=str.lower,
    )
    decisions = [
        d
        for d in meeting.decisions.select_related("entry", "recorded_by")
        if d.entry_id in references
    ]
    seated = jury_seats_on(meeting.round.category_id)
    conflicts = sorted(
        (str(conflict.judge), references[conflict.entry_id])
        for conflict in Conflict.objects.filter(
            entry_id__in=list(references),
            status=ConflictStatus.CONFIRMED,
            judge_id__in=seated,
        ).select_related("judge")
    )
    return Minutes(meeting=meeting, attendees=attendees, decisions=decisions, conflicts=conflicts)


def jury_seats_on(category_id: int):
    return JuryMember.objects.filter(category_id=category_id, user__isnull=False).values("user_id")
