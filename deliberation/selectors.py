"""Reads for the discussion pages, the dashboard and digests. Each runs a fixed number of queries
whatever the number of messages or entries."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from deliberation.access import DiscussionSeat, visible_messages
from deliberation.enums import MessageKind
from deliberation.models import Message, MessageRead
from judging.access import assignments_for_judge, conflicted_entry_ids, may_chair
from judging.enums import JuryRole, ReviewStatus
from judging.models import Assignment, JuryMember, Review, RoundEntry
from judging.selectors.entries import latest_version_field

# How long after posting an author may still edit or withdraw their message.
EDIT_WINDOW = dt.timedelta(minutes=15)


@dataclass
class MessageView:
    pk: int
    label: str
    body: str
    kind: str
    created_at: dt.datetime
    edited_at: dt.datetime | None
    withdrawn: bool
    own: bool
    changeable: bool
    replies: list = field(default_factory=list)

    @property
    def chair_note(self) -> bool:
        return self.kind == MessageKind.CHAIR_NOTE


def author_labels(*, seat: DiscussionSeat, viewer) -> dict[int | None, str]:
    """How authors are named to `viewer`. The chair and organisers see names; judges see
    "Judge A", "Judge B"... (in the order the judges were assigned the entry) and "Chair", as
    other judges' reviews are shown, so names add no weight. Two queries."""
    judge_ids = list(
        Assignment.objects.filter(round=seat.round, entry=seat.entry)
        .order_by("pk")
        .values_list("judge_id", flat=True)
    )
    chairs = JuryMember.objects.filter(
        category_id=seat.round.category_id, role=JuryRole.CHAIR, user__isnull=False
    ).select_related("user")
    labels: dict[int | None, str] = {None: _("Former member")}
    if seat.manages:
        people = User.objects.filter(pk__in=judge_ids)
        labels.update({person.pk: str(person) for person in people})
        labels.update({chair.user_id: str(chair.user) for chair in chairs})
    else:
        for index, judge_id in enumerate(judge_ids):
            labels[judge_id] = _("Judge %(letter)s") % {"letter": chr(ord("A") + index % 26)}
        labels.update({chair.user_id: _("Chair") for chair in chairs})
    labels[viewer.pk] = _("You")
    return labels


def seat_messages(*, seat: DiscussionSeat, viewer):
    """The messages of the discussion the viewer may read, oldest first."""
    messages = Message.objects.filter(round=seat.round, entry=seat.entry)
    if not seat.manages:
        messages = messages.filter(kind=MessageKind.JURY)
        if not seat.others_visible:
            messages = messages.filter(author=viewer)
    return messages.order_by("created_at", "pk")


def discussion_threads(*, seat: DiscussionSeat, viewer, now=None) -> list[MessageView]:
    """The discussion as threads (a message and its replies), oldest thread first. Three
    queries. A reply whose thread the viewer may not read is shown on its own."""
    now = now or timezone.now()
    labels = author_labels(seat=seat, viewer=viewer)
    views: dict[int, MessageView] = {}
    threads: list[MessageView] = []
    for message in seat_messages(seat=seat, viewer=viewer):
        own = message.author_id == viewer.pk
        view = MessageView(
            pk=message.pk,
            label=labels.get(message.author_id, _("Organiser")),
            body="" if message.withdrawn_at else message.body,
            kind=message.kind,
            created_at=message.created_at,
            edited_at=message.edited_at,
            withdrawn=message.withdrawn_at is not None,
            own=own,
            changeable=own and not message.withdrawn_at and now - message.created_at <= EDIT_WINDOW,
        )
        views[message.pk] = view
        parent = views.get(message.parent_id)
        (parent.replies if parent else threads).append(view)
    return threads


def _unread(user):
    later_read = MessageRead.objects.filter(
        user=user,
        round_id=OuterRef("round_id"),
        entry_id=OuterRef("entry_id"),
        read_at__gte=OuterRef("created_at"),
    )
    return (
        visible_messages(user=user)
        .exclude(author=user)
        .filter(withdrawn_at__isnull=True)
        .exclude(Exists(later_read))
    )


def unread_by_round(*, user) -> dict[int, int]:
    """Unread messages (others', not withdrawn) the user may read, per round. One query."""
    if not user.is_authenticated:
        return {}
    rows = _unread(user).values("round_id").annotate(count=Count("pk")).order_by()
    return {row["round_id"]: row["count"] for row in rows}


def unread_messages(*, user, round, since=None):
    """The unread messages the user may read in `round`, posted after `since` (for digests)."""
    messages = _unread(user).filter(round=round)
    return messages.filter(created_at__gt=since) if since else messages


@dataclass(frozen=True)
class DiscussionRow:
    entry_id: int
    reference: str
    title: str
    messages: int
    unread: int


def discussion_entries(*, user, round) -> list[DiscussionRow] | None:
    """The entries of the round whose discussion the user may open, with how many messages they
    may read and how many of those are unread; None when they may open none. Three queries."""
    if may_chair(user=user, category=round.category):
        entry_ids = RoundEntry.objects.filter(round=round).exclude(
            entry_id__in=conflicted_entry_ids(judge=user)
        )
    else:
        entry_ids = assignments_for_judge(judge=user).filter(round=round)
        if not entry_ids.exists():
            return None
    visible = visible_messages(user=user).filter(round=round, entry_id=OuterRef("entry_id"))
    unread = _unread(user).filter(round=round, entry_id=OuterRef("entry_id"))

    def count(messages):
        return Coalesce(
            Subquery(messages.order_by().values("entry_id").annotate(n=Count("pk")).values("n")),
            0,
        )

    rows = (
        entry_ids.select_related(None)
        .annotate(
            jury_title=latest_version_field("title"),
            n_messages=count(visible.filter(Q(withdrawn_at__isnull=True))),
            n_unread=count(unread),
        )
        .order_by("entry__reference", "entry_id")
        .values_list(
            "entry_id", "entry__reference", "entry__title", "jury_title", "n_messages", "n_unread"
        )
    )
    return [
        DiscussionRow(
            entry_id=entry_id,
            reference=reference or "",
            title=jury_title or title,
            messages=messages,
            unread=unread_count,
        )
        for entry_id, reference, title, jury_title, messages, unread_count in rows
    ]


def comments_to_moderate(*, round, viewer):
    """The round's submitted reviews with a comment for the entrant, with the chair's decision
    on each (`feedback_moderation`, or none yet), leaving out entries the viewer is conflicted
    on. One query."""
    return list(
        Review.objects.filter(assignment__round=round, status=ReviewStatus.SUBMITTED)
        .exclude(feedback="")
        .exclude(assignment__entry_id__in=conflicted_entry_ids(judge=viewer))
        .select_related("assignment__entry", "feedback_moderation")
        .order_by("assignment__entry__reference", "assignment__entry_id", "submitted_at", "pk")
    )
