import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from deliberation.jobs import discussion_digests_send_due
from deliberation.models import DigestSent, Message
from deliberation.services.digests import discussion_digest_send

pytestmark = pytest.mark.django_db


def _post(panel, author, body="Hi"):
    return Message.objects.create(round=panel.round, entry=panel.entry, author=author, body=body)


def test_digest_reaches_readers_in_their_language_never_the_author(panel):
    panel.submit(panel.first_assignment)
    panel.submit(panel.second_assignment)
    panel.second.language = "sv"
    panel.second.save()
    _post(panel, panel.first)

    sent = discussion_digests_send_due()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sent == 2
    assert sorted(by_address) == sorted([panel.second.email, panel.chair.email])
    assert "1 nytt meddelande" in by_address[panel.second.email].subject
    assert "1 new message" in by_address[panel.chair.email].subject
    assert panel.entry.reference in by_address[panel.second.email].body
    assert "Turn UP" not in by_address[panel.second.email].body


def test_digest_once_a_day_and_only_what_is_new(panel):
    panel.submit(panel.second_assignment)
    _post(panel, panel.first)
    today = dt.date(2030, 1, 1)

    first = discussion_digest_send(round=panel.round, user=panel.second, today=today)
    again = discussion_digest_send(round=panel.round, user=panel.second, today=today)
    next_day = discussion_digest_send(
        round=panel.round, user=panel.second, today=today + dt.timedelta(days=1)
    )
    _post(panel, panel.first, "Later")
    later = discussion_digest_send(
        round=panel.round, user=panel.second, today=today + dt.timedelta(days=2)
    )

    assert (first, again, next_day, later) == (1, 0, 0, 1)
    assert DigestSent.objects.count() == 2


def test_no_digest_for_hidden_or_conflicted_readers(panel):
    _post(panel, panel.first)

    assert discussion_digest_send(round=panel.round, user=panel.second) == 0
    assert discussion_digest_send(round=panel.round, user=panel.conflicted) == 0
    assert discussion_digest_send(round=panel.round, user=panel.unassigned) == 0


def test_command_runs_the_job(panel):
    _post(panel, panel.first)

    out = io.StringIO()
    call_command("send_discussion_digests", stdout=out)

    assert out.getvalue() == "1 digest(s) queued.\n"
    assert [message.to for message in mail.outbox] == [[panel.chair.email]]
