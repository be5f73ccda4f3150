"""Cron entry points: reminders before rounds close, outcome emails after a publication."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from judging.enums import ReminderKind, ReviewStatus
from judging.jobs import reminders_send_due
from judging.models import Reminder
from tests.factories import (
    AssignmentFactory,
    EditionFactory,
    JuryMemberFactory,
    ReviewFactory,
    RoundFactory,
)
from tests.judging.builders import entry_of

pytestmark = pytest.mark.django_db


def test_publish_due_command_emails_outcomes_once_results_time_has_passed(
    capsys, django_capture_on_commit_callbacks
):
    edition = EditionFactory(results_publish_at=timezone.now() - dt.timedelta(seconds=1))
    entry_of(edition, email="due@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due")

    assert [message.to for message in mail.outbox] == [["due@example.org"]]
    assert capsys.readouterr().out == (
        "1 edition(s) queued for outcome emails.\n0 edition(s) queued for outcome emails.\n"
    )


def closing_in(days, **kwargs):
    """A round whose closing day is `days` days from today, at noon local time."""
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    return RoundFactory(closes_at=noon + dt.timedelta(days=days), **kwargs)


def judge_on(round):
    return JuryMemberFactory(category=round.category).user


def test_reminders_send_due_reminds_judges_with_unfinished_reviews():
    round = closing_in(3, reminder_days_before=3)
    late, done = judge_on(round), judge_on(round)
    AssignmentFactory(round=round, judge=late)
    ReviewFactory(
        assignment=AssignmentFactory(round=round, judge=done), status=ReviewStatus.SUBMITTED
    )

    sent = reminders_send_due()

    assert sent == 1
    assert [message.to for message in mail.outbox] == [[late.email]]
    assert "1 review to finish" in mail.outbox[0].subject
    assert list(Reminder.objects.values_list("judge_id", "kind")) == [
        (late.pk, ReminderKind.AUTOMATIC)
    ]


def test_reminders_send_due_twice_a_day_sends_once():
    round = closing_in(2, reminder_days_before=2)
    AssignmentFactory(round=round, judge=judge_on(round))

    first, second = reminders_send_due(), reminders_send_due()

    assert (first, second, len(mail.outbox)) == (1, 0, 1)


def test_reminders_send_due_skips_rounds_not_due_and_inactive_judges():
    early = closing_in(5, reminder_days_before=3)
    AssignmentFactory(round=early, judge=judge_on(early))
    due = closing_in(3, reminder_days_before=3)
    gone = JuryMemberFactory(category=due.category, active=False).user
    AssignmentFactory(round=due, judge=gone)

    assert reminders_send_due() == 0
    assert mail.outbox == []


def test_send_reminders_command_runs_the_task():
    round = closing_in(1, reminder_days_before=1)
    AssignmentFactory(round=round, judge=judge_on(round))

    call_command("send_reminders")

    assert len(mail.outbox) == 1
