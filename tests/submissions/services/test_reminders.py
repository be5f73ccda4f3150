"""Entrants reminded of an entry they have not submitted, once, before the deadline
(submissions/services/reminders.py)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import EntryStatus
from submissions.services.reminders import deadline_reminders_send
from tests.factories import CategoryFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def closing_in(hours: float, **fields):
    return CategoryFactory(
        name_en="IDEA", call_closes_at=timezone.now() + dt.timedelta(hours=hours), **fields
    )


def test_a_draft_owner_is_reminded_once_with_a_link_to_submit():
    entry = EntryFactory(category=closing_in(30), title="Turn UP")

    first = deadline_reminders_send()
    again = deadline_reminders_send()

    assert (first, again) == (1, 0)
    [email] = mail.outbox
    assert email.to == [entry.owner.email]
    assert email.subject.endswith("Your entry to IDEA is not submitted yet")
    assert '"Turn UP" to IDEA is saved as a draft but not submitted' in email.body
    assert entry.get_absolute_url() in email.body
    assert AuditEvent.objects.filter(action="entry.remind", target_id=str(entry.pk)).count() == 1


def test_changes_made_after_submitting_are_reminded_where_entries_may_change():
    editable = closing_in(30, entries_editable_after_submission=True)
    changed = EntryFactory(
        category=editable, status=EntryStatus.SUBMITTED, revision=5, submitted_revision=4
    )
    EntryFactory(category=editable, status=EntryStatus.SUBMITTED, revision=4, submitted_revision=4)

    assert deadline_reminders_send() == 1
    [email] = mail.outbox
    assert email.to == [changed.owner.email]
    assert "the changes are not submitted" in email.body


SUBMITTED = {"status": EntryStatus.SUBMITTED, "revision": 3, "submitted_revision": 3}


@pytest.mark.parametrize(
    ("hours", "fields"),
    [
        (49, {}),  # not yet: two days and an hour away
        (-1, {}),  # too late: the deadline has passed
        (30, {"status": EntryStatus.WITHDRAWN}),
        (30, SUBMITTED),  # nothing changed since it was submitted
    ],
)
def test_no_reminder_outside_the_window_or_for_entries_that_need_nothing(hours, fields):
    EntryFactory(category=closing_in(hours, entries_editable_after_submission=True), **fields)

    assert deadline_reminders_send() == 0
    assert mail.outbox == []


def test_a_deadline_moved_later_reminds_again():
    entry = EntryFactory(category=closing_in(30))
    deadline_reminders_send()
    entry.category.call_closes_at += dt.timedelta(days=7)
    entry.category.save()

    later = deadline_reminders_send(now=timezone.now() + dt.timedelta(days=7))

    assert later == 1
    assert len(mail.outbox) == 2


def test_the_edition_deadline_counts_when_the_category_has_none():
    category = CategoryFactory(
        call_closes_at=None, edition__call_closes_at=timezone.now() + dt.timedelta(hours=5)
    )
    EntryFactory(category=category)

    assert deadline_reminders_send() == 1


def test_the_reminder_is_in_the_entrants_language():
    swedish = UserFactory(language="sv")
    EntryFactory(category=closing_in(30), owner=swedish)

    deadline_reminders_send()

    assert mail.outbox[0].subject.startswith("[Laurel] Ditt bidrag till ")
    assert mail.outbox[0].subject.endswith(" är inte inskickat ännu")


def test_owners_who_left_are_not_emailed():
    EntryFactory(category=closing_in(30), owner=UserFactory(is_active=False))
    EntryFactory(category=closing_in(30), owner=None)

    assert deadline_reminders_send() == 0


def test_the_daily_command_sends_entrants_reminders_too():
    EntryFactory(category=closing_in(30))

    call_command("send_reminders")

    assert len(mail.outbox) == 1
