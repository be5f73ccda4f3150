"""Reminders to judges with unfinished reviews: from the chair's progress page or the daily job."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from judging.enums import ConflictStatus, ReminderKind, ReviewStatus
from judging.models import Assignment, Reminder, Round
from judging.tasks import reminder_email


def judge_unfinished_count(*, round: Round, judge) -> int:
    """Assignments of the judge in the round without a submitted review, conflicts left out."""
    return (
        Assignment.objects.filter(round=round, judge=judge)
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .exclude(entry__conflicts__judge=judge, entry__conflicts__status=ConflictStatus.CONFIRMED)
        .count()
    )


@transaction.atomic
def reminder_send(*, round: Round, judge, kind: str = ReminderKind.MANUAL, actor=None) -> bool:
    """Email the judge how many reviews they still have in the round, if any.

    An automatic reminder goes out at most once a day per round and judge. Records a `Reminder`,
    queues the email `jury_reminder` and writes the audit event `assignment.remind`. Returns
    whether a reminder was sent.
    """
    unfinished = judge_unfinished_count(round=round, judge=judge)
    if not unfinished:
        return False
    today = timezone.localdate()
    try:
        # The partial unique constraint settles two runs racing on the same day.
        with transaction.atomic():
            Reminder.objects.create(
                round=round, judge=judge, kind=kind, sent_on=today, sent_by=actor
            )
    except IntegrityError:
        return False
    reminder_email.enqueue(round_id=round.pk, judge_id=judge.pk, unfinished=unfinished)
    audit_record(
        actor=actor,
        action="assignment.remind",
        target=round,
        summary=f"{judge.email} reminded of {unfinished} unfinished reviews ({kind})",
        data={
            "judge": judge.pk,
            "judge_email": judge.email,
            "unfinished": unfinished,
            "kind": kind,
        },
        edition=round.category.edition,
    )
    return True
