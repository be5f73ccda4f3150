"""Judges' emails: new assignments and reminders. Thin: ids in, load, call a service or mail."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from accounts.mail import email_users_render_and_enqueue
from accounts.models import User
from judging.access import assignments_for_judge
from judging.enums import ReminderKind, ReviewStatus, RoundStatus
from judging.models import Assignment, Round


def judge_home_url() -> str:
    """The judge's dashboard, or the jury's root while that page does not exist."""
    for name in ("judging:judge-dashboard", "judging:dashboard", "judging:assignment-mine"):
        try:
            return settings.SITE_URL + reverse(name)
        except NoReverseMatch:
            continue
    return settings.SITE_URL + "/jury/"


@task()
def assignments_notify(*, round_id: int, judge_id: int) -> int:
    """Tell the judge about their assignments in the round not announced yet (conflicts left
    out); marks them notified. Returns how many were announced."""
    round = Round.objects.select_related("category__edition__award").get(pk=round_id)
    judge = User.objects.get(pk=judge_id)
    pending = list(assignments_for_judge(judge=judge).filter(round=round, notified_at__isnull=True))
    if not pending:
        return 0
    email_users_render_and_enqueue(
        template="jury_assignment",
        users=[judge],
        context=lambda: {
            "judge": judge,
            "round": round,
            "category": round.category,
            "count": len(pending),
            "url": judge_home_url(),
        },
    )
    Assignment.objects.filter(pk__in=[a.pk for a in pending]).update(notified_at=timezone.now())
    return len(pending)


@task()
def reminder_email(*, round_id: int, judge_id: int, unfinished: int) -> None:
    round = Round.objects.select_related("category__edition__award").get(pk=round_id)
    judge = User.objects.get(pk=judge_id)
    email_users_render_and_enqueue(
        template="jury_reminder",
        users=[judge],
        context=lambda: {
            "judge": judge,
            "round": round,
            "category": round.category,
            "count": unfinished,
            "url": judge_home_url(),
        },
    )


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


@task()
def reminders_send_due() -> int:
    """Remind judges with unfinished reviews in rounds closing in `reminder_days_before` days.
    Meant to run daily (`manage.py send_reminders`); running it twice a day sends nothing more.
    Returns how many reminders went out."""
    from judging.services.assignments import reminder_send

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
