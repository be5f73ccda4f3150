"""Reminding entrants, shortly before their category's deadline, of an entry they have not
submitted, or of changes made since they submitted it: the final "submit" click is the one
entrants most often forget. Run daily with the judges' reminders (`manage.py send_reminders`)."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.mail import email_users_render_and_enqueue
from audit.services import audit_record
from submissions.enums import EntryStatus
from submissions.models import DeadlineReminder, Entry


def entries_to_remind(*, now: dt.datetime):
    """Entries whose category closes within `ENTRY_REMINDER_HOURS_BEFORE` hours and that still
    wait for their owner's submit: drafts, and submitted entries changed since (where the
    category lets them change). Each carries its `deadline`."""
    window = now + dt.timedelta(hours=settings.ENTRY_REMINDER_HOURS_BEFORE)
    waiting = Q(status=EntryStatus.DRAFT) | (
        Q(status=EntryStatus.SUBMITTED, category__entries_editable_after_submission=True)
        & ~Q(revision=F("submitted_revision"))
    )
    return (
        Entry.objects.annotate(
            # `Category.closes_at`, in SQL.
            deadline=Coalesce("category__call_closes_at", "category__edition__call_closes_at")
        )
        .filter(waiting, deadline__gt=now, deadline__lte=window, owner__is_active=True)
        .select_related("owner", "category__edition__award")
        .order_by("pk")
    )


def deadline_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Email each such entry's owner once per deadline (a second run sends nothing; a deadline
    moved later sends one more). Audited ("entry.remind"). Returns how many went out."""
    now = now or timezone.now()
    sent = 0
    for entry in entries_to_remind(now=now):
        try:
            # The unique constraint settles two runs racing on the same entry.
            with transaction.atomic():
                DeadlineReminder.objects.create(entry=entry, deadline=entry.deadline)
                _email(entry)
                audit_record(
                    actor=None,
                    action="entry.remind",
                    target=entry,
                    edition=entry.category.edition,
                    data={"deadline": entry.deadline.isoformat(), "status": entry.status},
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


def _email(entry: Entry) -> None:
    email_users_render_and_enqueue(
        template="entry_deadline_reminder",
        users=[entry.owner],
        context=lambda: {
            "entrant": entry.owner,
            "entry": entry,
            "category": entry.category,
            "deadline": entry.deadline,
            "draft": entry.status == EntryStatus.DRAFT,
            "url": settings.SITE_URL + entry.get_absolute_url(),
        },
        related=entry,
    )
