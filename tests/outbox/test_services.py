import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from outbox.delivery import failure_is_transient, retry_delay
from outbox.enums import OutgoingEmailState
from outbox.jobs import outbox_prune, outbox_requeue_stale, outbox_send_due, sweep
from outbox.models import OutgoingEmail
from outbox.services.queue import outgoing_email_queue, outgoing_email_retry
from outbox.services.send import outgoing_email_send
from tests.factories import EntryFactory, UserFactory
from tests.outbox.smtp import SMTPServer

pytestmark = pytest.mark.django_db


def _smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def test_queue_writes_a_row_per_recipient_and_sends_each_once():
    entry = EntryFactory()

    rows = outgoing_email_queue(
        to=["a@example.org", "b@example.org"],
        subject="Hello",
        body="Body",
        html="<p>Body</p>",
        language="sv",
        related=entry,
    )

    assert [
        (r.to, r.state, r.attempts, r.related) for r in OutgoingEmail.objects.order_by("to")
    ] == [
        ("a@example.org", "sent", 1, entry),
        ("b@example.org", "sent", 1, entry),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert mail.outbox[0].extra_headers["X-Laurel-Idempotency-Key"] in {
        r.idempotency_key for r in rows
    }
    assert outgoing_email_send(email_id=rows[0].pk) == "skipped"
    assert len(mail.outbox) == 2


def test_queue_with_the_same_key_writes_nothing_the_second_time():
    outgoing_email_queue(to=["a@example.org"], subject="S", body="B", key="receipt:1")
    outgoing_email_queue(to=["A@example.org"], subject="S", body="B", key="receipt:1")

    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_smtp_that_refuses_for_a_while_gets_the_email_once_it_recovers(settings):
    with SMTPServer() as server:
        _smtp_settings(settings, server.port)
        server.refuse_with = "451 4.3.0 try again later"

        [row] = outgoing_email_queue(to=["a@example.org"], subject="Later", body="B")

        row.refresh_from_db()
        assert (row.state, row.attempts, row.last_error) == (
            "queued",
            1,
            "451 4.3.0 try again later",
        )
        assert row.next_attempt_at > timezone.now()
        assert outbox_send_due() == 0

        server.refuse_with = ""
        assert outbox_send_due(now=timezone.now() + dt.timedelta(minutes=5)) == 0
        OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        assert outbox_send_due() == 1
        assert outbox_send_due() == 0

    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(server.messages) == 1
    assert "Subject: Later" in server.messages[0]


def test_smtp_that_says_no_marks_the_email_failed_with_the_reason(settings):
    with SMTPServer() as server:
        _smtp_settings(settings, server.port)
        server.refuse_with = "550 5.1.1 no such mailbox"

        [row] = outgoing_email_queue(to=["nobody@example.org"], subject="S", body="B")

    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == ("failed", 1, "550 5.1.1 no such mailbox")
    assert server.messages == []


def test_a_mail_server_that_is_not_there_is_retried_until_the_last_attempt(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with SMTPServer() as server:
        port = server.port
    _smtp_settings(settings, port)

    [row] = outgoing_email_queue(to=["a@example.org"], subject="S", body="B")
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    outbox_send_due()

    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", 2)
    assert row.last_error.startswith("ConnectionRefusedError")


def test_retry_queues_a_failed_email_again_and_sends_it():
    organiser = UserFactory(is_staff=True)
    row = OutgoingEmail.objects.create(
        to="a@example.org", subject="S", body="B", from_email="x@example.org", state="failed"
    )

    outgoing_email_retry(email=row, actor=organiser)

    row.refresh_from_db()
    assert (row.state, row.attempts) == ("sent", 1)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_an_email_left_sending_past_the_lease_is_sent_again_by_the_sweeper(settings):
    settings.OUTBOX_SENDING_LEASE_SECONDS = 60
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    stuck = OutgoingEmail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        from_email="x@example.org",
        state="sending",
        attempts=1,
        sending_started_at=long_ago,
    )
    fresh = OutgoingEmail.objects.create(
        to="b@example.org",
        subject="S",
        body="B",
        from_email="x@example.org",
        state="sending",
        attempts=1,
        sending_started_at=timezone.now(),
    )

    done = sweep()

    assert done == {"emails_requeued": 1, "emails_sent": 1, "tasks_requeued": 0, "tasks_failed": 0}
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.state, stuck.attempts, fresh.state) == ("sent", 2, "sending")
    assert outbox_requeue_stale() == 0


def test_prune_deletes_old_sent_emails_only(settings):
    settings.OUTBOX_KEEP_SENT_DAYS = 30
    old = timezone.now() - dt.timedelta(days=31)
    for state, sent_at in [("sent", old), ("sent", timezone.now()), ("failed", None)]:
        OutgoingEmail.objects.create(
            to="a@example.org", subject="S", body="B", from_email="x", state=state, sent_at=sent_at
        )

    assert outbox_prune() == 1
    assert sorted(OutgoingEmail.objects.values_list("state", flat=True)) == ["failed", "sent"]


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPServerDisconnected(), True),
        (smtplib.SMTPSenderRefused(451, b"later", "x"), True),
        (smtplib.SMTPSenderRefused(550, b"no", "x"), False),
        (smtplib.SMTPRecipientsRefused({"a@x": (450, b"busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@x": (550, b"unknown")}), False),
        (ValueError("bad address"), False),
    ],
)
def test_failures_are_told_apart(exc, transient):
    assert failure_is_transient(exc) is transient


def test_retry_delay_doubles_up_to_an_hour():
    assert [retry_delay(attempts=n).total_seconds() for n in (1, 2, 3, 10)] == [30, 60, 120, 3600]


def test_states_are_the_four_documented():
    assert OutgoingEmailState.values == ["queued", "sending", "sent", "failed"]
