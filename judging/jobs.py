"""Entry points for cron, run by management commands: reminders before rounds close
(`send_reminders`, daily) and outcome emails after a scheduled publication (`publish_due`, every
few minutes). Each does its own checks, so a second run sends nothing more."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from awards.cache import public_pages_invalidate
from judging.enums import ReminderKind, ReviewStatus, RoundStatus
from judging.models import Assignment, Round
from judging.services.publication import editions_due_for_notification, results_notify_enqueue
from judging.services.reminders import reminder_send


def rounds_due_for_reminders(*, today: dt.date | None = None) -> list[Round]:
    """Open rounds whose closing day is `reminder_days_before` days from today (local time)."""
    today = today or timezone.localdate()
    now = timezone.now()
    rounds = Round.objects.filter(
        status=RoundStatus.OPEN, opens_at__lte=now, closes_at__gt=now
    ).select_related("category__edition")
    return [
        round
        for round in rounds
        if timezone.localdate(round.closes_at) - today
        == dt.timedelta(days=round.reminder_days_before)
    ]


def reminders_send_due() -> int:
    """Remind judges with unfinished reviews in rounds closing in `reminder_days_before` days.
    Meant to run daily (`manage.py send_reminders`); running it twice a day sends nothing more.
    Returns how many reminders went out."""
    sent = 0
    for round in rounds_due_for_reminders():
        judge_ids = (
            Assignment.objects.filter(round=round)
            .filter(Q(review__isnull=True) | ~Q(review__status=ReviewStatus.SUBMITTED))
            .values_list("judge_id", flat=True)
            .distinct()
        )
        judges = User.objects.filter(
            pk__in=list(judge_ids),
            jury_memberships__category_id=round.category_id,
            jury_memberships__active=True,
        ).distinct()
        for judge in judges:
            sent += reminder_send(round=round, judge=judge, kind=ReminderKind.AUTOMATIC)
    return sent


def publications_due(*, now: dt.datetime | None = None) -> int:
    """For cron (`manage.py publish_due`): queue outcome emails of editions whose results time has
    passed. Returns how many editions were queued. Pages never wait for this: selectors check the
    time themselves."""
    edition_ids = list(editions_due_for_notification(now=now).values_list("pk", flat=True))
    for edition_id in edition_ids:
        results_notify_enqueue(edition_id)
    if edition_ids:
        public_pages_invalidate()
    return len(edition_ids)
