"""Writing emails into the outbox, and sending a failed one again. Rows and their delivery
tasks are written in the caller's transaction: with the database task backend the task row
commits (or rolls back) with the email row, so the worker never sees one without the other.
With the immediate backend (development, tests) the email goes out at once."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from audit.services import audit_record
from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail
from outbox.tasks import outgoing_email_send_task


def _send_enqueue(*, email_id: int) -> None:
    outgoing_email_send_task.enqueue(email_id=email_id)


def outgoing_email_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    from_email: str = "",
    language: str = "",
    related: models.Model | None = None,
    key: str = "",
    attachments: list[list[str]] | None = None,
) -> list[OutgoingEmail]:
    """One outbox row per recipient and its delivery task, in the current transaction (the
    sweeper also sends any queued row that is due, should its task be lost). With `key`,
    a second call with the same key and recipient writes nothing: the email exists already.

    Side effects: OutgoingEmail rows; a delivery task per row."""
    rows = []
    with transaction.atomic():
        for address in to:
            fields = {
                "to": address,
                "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
                "subject": subject,
                "body": body,
                "html": html or "",
                "language": language or "",
                "related": related,
                "attachments": attachments or [],
            }
            if key:
                email, created = OutgoingEmail.objects.get_or_create(
                    idempotency_key=f"{key}:{address.lower()}"[:200], defaults=fields
                )
                if not created:
                    continue
            else:
                email = OutgoingEmail.objects.create(**fields)
            rows.append(email)
        for email in rows:
            _send_enqueue(email_id=email.pk)
    return rows


def outgoing_email_retry(*, email: OutgoingEmail, actor) -> OutgoingEmail:
    """Queue a failed email again, with its attempts counted afresh.

    Side effects: the row back to queued; an audit entry; a delivery task."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if email.state != OutgoingEmailState.FAILED:
            return email
        email.state = OutgoingEmailState.QUEUED
        email.attempts = 0
        email.next_attempt_at = timezone.now()
        email.save(update_fields=["state", "attempts", "next_attempt_at"])
        audit_record(
            actor=actor,
            action="outbox.retry",
            target=email,
            summary=f"Email to {email.to} queued again",
            data={"to": email.to, "subject": email.subject},
        )
        _send_enqueue(email_id=email.pk)
    return email
