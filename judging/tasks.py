"""Emails queued as tasks: judges' new assignments and reminders, entrants' outcomes. Thin: ids
in, load, call a service or mail. This module imports only the service it runs (outcomes); the
services that enqueue these tasks live elsewhere, so no import goes round in a circle."""

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from accounts.mail import email_users_render_and_enqueue
from accounts.models import User
from awards.models import Edition
from judging.access import assignments_for_judge
from judging.models import Assignment, Round
from judging.services.outcomes import edition_results_notify


def judge_home_url() -> str:
    """The judge's dashboard, or the jury's root while that page does not exist."""
    for name in ("judging:judge-dashboard", "judging:dashboard", "judging:assignment-mine"):
        try:
            return settings.SITE_URL + reverse(name)
        except NoReverseMatch:
            continue
    return settings.SITE_URL + "/jury/"


# Atomic: a worker that dies halfway writes no email, so the task run again (outbox.jobs) sends
# each email once.
@task()
@transaction.atomic
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
@transaction.atomic
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


@task()
def results_notify(*, edition_id: int) -> int:
    """Email entrants their outcome; does nothing before the results time or a second time."""
    edition = Edition.objects.filter(pk=edition_id).first()
    return edition_results_notify(edition=edition) if edition else 0
