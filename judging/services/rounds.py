"""A round's life as the chair steers it: reminders to late judges, closing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from judging.access import may_manage_round
from judging.enums import ReminderKind, ReviewStatus, RoundStatus
from judging.models import Review, Round
from judging.services.reminders import judge_unfinished_count, reminder_send


def round_mode_locked(*, round: Round) -> bool:
    """The way of judging is fixed once judges have started: their reviews, answers, ranks or
    comparisons would no longer mean what they meant."""
    return bool(round.pk) and Review.objects.filter(assignment__round=round).exists()


@transaction.atomic
def round_close(*, round: Round, by, now=None) -> Round:
    """Close the round: status closed, `closed_at` set; judges can no longer change reviews and,
    when the round's visibility says so, now see each other's scores.

    Entrants are told nothing: outcomes reach them only when results are published. Raises
    PermissionDenied unless `by` may manage the round, ValidationError when it is already closed.
    Writes an audit event "round.close" with the number of submitted and unfinished reviews.
    """
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    if not may_manage_round(user=by, round=round):
        raise PermissionDenied
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("The round is already closed."), code="closed")
    round.status = RoundStatus.CLOSED
    round.closed_at = now or timezone.now()
    round.save(update_fields=["status", "closed_at"])
    submitted = round.assignments.filter(review__status=ReviewStatus.SUBMITTED).count()
    audit_record(
        actor=by,
        action="round.close",
        target=round,
        summary=f"{round} closed",
        data={
            "submitted_reviews": submitted,
            "unfinished_reviews": round.assignments.count() - submitted,
        },
        edition=round.category.edition,
    )
    return round


@transaction.atomic
def round_remind_judge(*, round: Round, judge, by) -> int:
    """Remind `judge` of their unfinished reviews in the round, from the chair's progress page.

    Goes through `reminder_send` (one reminder mechanism: a `Reminder` row,
    the `jury_reminder` email queued, audit event "assignment.remind"). Returns the number of
    unfinished reviews. Raises PermissionDenied unless `by` may manage the round; ValidationError
    when the round is closed or the judge has nothing left to do.
    """
    if not may_manage_round(user=by, round=round):
        raise PermissionDenied
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("The round is closed."), code="closed")
    unfinished = judge_unfinished_count(round=round, judge=judge)
    if not unfinished or not reminder_send(
        round=round, judge=judge, kind=ReminderKind.MANUAL, actor=by
    ):
        raise ValidationError(
            _("%(judge)s has no unfinished reviews in this round.") % {"judge": judge},
            code="nothing_to_do",
        )
    return unfinished
