"""Delivering one outbox row: claim it, send it, record what happened. Run by the delivery
task and by the sweeper; whichever claims the row first sends it, the other does nothing."""

import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.delivery import describe_failure, failure_is_transient, retry_delay
from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)


def message_id(key: str) -> str:
    """A Message-ID made from the idempotency key: a resend after a lost acknowledgement
    carries the same id, so mail systems that remove duplicates see one message."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "laurel"
    return f"<outbox-{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _claim(*, email_id: int) -> OutgoingEmail | None:
    """Lock the row if no one else holds it, and move it to "sending" only if it is still
    queued and due: the conditional update makes the claim safe on SQLite too, which has no
    row locks."""
    now = timezone.now()
    with transaction.atomic():
        due = OutgoingEmail.objects.filter(
            pk=email_id, state=OutgoingEmailState.QUEUED, next_attempt_at__lte=now
        )
        if due.select_for_update(skip_locked=True).first() is None:
            return None
        claimed = due.update(
            state=OutgoingEmailState.SENDING, sending_started_at=now, attempts=F("attempts") + 1
        )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


def _deliver(email: OutgoingEmail) -> None:
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        email.from_email,
        [email.to],
        headers={
            "Message-ID": message_id(email.idempotency_key),
            "X-Laurel-Idempotency-Key": email.idempotency_key,
        },
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)


def outgoing_email_send(*, email_id: int) -> str:
    """Send the row if it is queued and due. A transient failure (mail server away, slow, 4xx)
    queues it again after a growing delay, until OUTBOX_MAX_ATTEMPTS; a permanent one (5xx,
    bad address) marks it failed with the reason. Returns the row's state afterwards, or
    "skipped" when it was not ours to send.

    Side effects: one email sent at most; the row's state, attempts and last error."""
    email = _claim(email_id=email_id)
    if email is None:
        return "skipped"
    try:
        _deliver(email)
    except Exception as exc:
        reason = describe_failure(exc)[:2000]
        retry = failure_is_transient(exc) and email.attempts < settings.OUTBOX_MAX_ATTEMPTS
        state = OutgoingEmailState.QUEUED if retry else OutgoingEmailState.FAILED
        OutgoingEmail.objects.filter(pk=email.pk, state=OutgoingEmailState.SENDING).update(
            state=state,
            last_error=reason,
            sending_started_at=None,
            next_attempt_at=timezone.now()
            + retry_delay(attempts=email.attempts, base_seconds=settings.OUTBOX_RETRY_BASE_SECONDS),
        )
        log = logger.warning if retry else logger.error
        log(
            "Email %s to %s: attempt %s failed (%s); %s",
            email.pk,
            email.to,
            email.attempts,
            reason,
            "will retry" if retry else "marked failed",
            extra={"outbox_email": email.pk, "outbox_state": state},
        )
        return state
    OutgoingEmail.objects.filter(pk=email.pk).update(
        state=OutgoingEmailState.SENT, sent_at=timezone.now(), last_error=""
    )
    return OutgoingEmailState.SENT
