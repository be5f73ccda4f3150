"""Who may read and write the discussion of an entry in a round. Every discussion view, count and
digest goes through these, and they follow judging's rules:

- the round's chair (a seated chair of its category) and organisers read everything, chair notes
  included, unless the chair is conflicted on the entry;
- a judge reads the discussion of an entry only while they hold an active seat and an assignment
  of it in the round (never a conflicted one), and reads colleagues' messages only when the
  round's visibility policy would show them their colleagues' scores;
- nobody else learns that the discussion exists (404).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.roles import user_is_organiser
from deliberation.enums import MessageKind
from deliberation.models import Message
from judging.access import (
    assignments_for_judge,
    conflicted_entry_ids,
    is_conflicted,
    jury_seats,
    may_chair,
)
from judging.enums import JuryRole, ReviewStatus, RoundStatus, Visibility
from judging.models import Assignment, Review, Round, RoundEntry
from judging.selectors.jury import others_scores_visible


@dataclass(frozen=True)
class DiscussionSeat:
    """The viewer's place in the discussion of one entry in one round."""

    round: Round
    entry: object
    manages: bool  # the round's chair or an organiser: everything, names and chair notes
    others_visible: bool  # colleagues' messages shown
    assignment: Assignment | None = None


def discussion_seat(*, user, round: Round, entry) -> DiscussionSeat | None:
    """The user's seat in the discussion of `entry` in `round`, or None when they may not see it."""
    if not user.is_authenticated:
        return None
    if not RoundEntry.objects.filter(round=round, entry=entry).exists():
        return None
    if may_chair(user=user, category=round.category) and not is_conflicted(judge=user, entry=entry):
        return DiscussionSeat(round=round, entry=entry, manages=True, others_visible=True)
    assignment = assignments_for_judge(judge=user).filter(round=round, entry=entry).first()
    if assignment is None:
        return None
    # Not started yet: judged as a draft (a second-look judge sees nothing before writing).
    review = Review.objects.filter(assignment=assignment).first() or Review(assignment=assignment)
    return DiscussionSeat(
        round=round,
        entry=entry,
        manages=False,
        others_visible=others_scores_visible(round=round, review=review),
        assignment=assignment,
    )


def get_discussion_seat(request, round_id, entry_id) -> DiscussionSeat:
    """The signed-in user's seat in the discussion; 404 for anyone who may not see it."""
    round = Round.objects.select_related("category__edition__award").filter(pk=round_id).first()
    entry = RoundEntry.objects.filter(round_id=round_id, entry_id=entry_id).first()
    seat = (
        discussion_seat(user=request.user, round=round, entry=entry.entry)
        if round is not None and entry is not None
        else None
    )
    if seat is None:
        raise Http404
    return seat


def _visible_assignment_q(prefix: str = "") -> Q:
    """Assignments whose judge may see colleagues' scores now (as `others_scores_visible`)."""
    return Q(
        **{
            f"{prefix}round__visibility": Visibility.AFTER_OWN_REVIEW,
            f"{prefix}review__status": ReviewStatus.SUBMITTED,
        }
    ) | Q(
        **{
            f"{prefix}round__visibility": Visibility.AFTER_ROUND_CLOSES,
            f"{prefix}round__status": RoundStatus.CLOSED,
        }
    )


def visible_messages(*, user) -> QuerySet[Message]:
    """Every message `user` may read, in every round: the same rules as `discussion_seat`, as
    one query (for counts, the dashboard and digests)."""
    if not user.is_authenticated:
        return Message.objects.none()
    conflicted = conflicted_entry_ids(judge=user)
    if user_is_organiser(user, perm="judging.change_round"):
        managed = Q(pk__isnull=False)
    else:
        chaired = jury_seats(user=user, role=JuryRole.CHAIR).values("category_id")
        managed = Q(round__category_id__in=chaired)
    managed &= ~Q(entry_id__in=conflicted)
    seated = assignments_for_judge(judge=user).filter(
        round_id=OuterRef("round_id"), entry_id=OuterRef("entry_id")
    )
    # A judge still writing a second-look review sees colleagues' messages only afterwards.
    second_look_pending = Q(second_looks__deadline__gt=timezone.now()) & ~Q(
        review__status=ReviewStatus.SUBMITTED
    )
    visible = seated.filter(_visible_assignment_q()).exclude(second_look_pending)
    judged = Q(kind=MessageKind.JURY) & (Q(Exists(visible)) | Q(Exists(seated), author=user))
    return Message.objects.filter(managed | judged)


def get_own_message(request, pk) -> tuple[Message, DiscussionSeat]:
    """The signed-in user's own message `pk` in a discussion they may still see; 404 otherwise."""
    message = (
        Message.objects.select_related("round__category__edition__award", "entry")
        .filter(pk=pk, author_id=request.user.pk)
        .first()
    )
    if message is None:
        raise Http404
    seat = discussion_seat(user=request.user, round=message.round, entry=message.entry)
    if seat is None:
        raise Http404
    return message, seat
