import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from deliberation.access import discussion_seat
from deliberation.enums import MessageKind
from deliberation.selectors import discussion_threads, unread_by_round
from deliberation.services.messages import (
    discussion_read_mark,
    message_edit,
    message_post,
    message_withdraw,
)

pytestmark = pytest.mark.django_db


def seat_of(panel, user):
    return discussion_seat(user=user, round=panel.round, entry=panel.entry)


def test_post_and_reply_form_a_thread_with_judges_unnamed(panel):
    panel.submit(panel.first_assignment)
    panel.submit(panel.second_assignment)
    first = message_post(seat=seat_of(panel, panel.first), author=panel.first, body="Bold.")
    message_post(
        seat=seat_of(panel, panel.second), author=panel.second, body="Agreed.", parent=first
    )

    threads = discussion_threads(seat=seat_of(panel, panel.second), viewer=panel.second)
    chair_threads = discussion_threads(seat=seat_of(panel, panel.chair), viewer=panel.chair)

    assert [(t.label, t.body, [(r.label, r.body) for r in t.replies]) for t in threads] == [
        ("Judge A", "Bold.", [("You", "Agreed.")])
    ]
    assert [(t.label, [r.label for r in t.replies]) for t in chair_threads] == [
        ("Ada Judge", ["Bo Judge"])
    ]
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "discussion.post",
        "discussion.post",
    ]


def test_chair_notes_only_for_the_chair(panel):
    panel.submit(panel.first_assignment)
    note = message_post(
        seat=seat_of(panel, panel.chair), author=panel.chair, body="Watch", chair_note=True
    )

    seat = seat_of(panel, panel.first)
    with pytest.raises(ValidationError) as refused:
        message_post(seat=seat, author=panel.first, body="x", parent=note)
    with pytest.raises(ValidationError) as no_note:
        message_post(seat=seat, author=panel.first, body="x", chair_note=True)

    assert note.kind == MessageKind.CHAIR_NOTE
    assert (refused.value.code, no_note.value.code) == ("parent", "chair_note")
    assert discussion_threads(seat=seat_of(panel, panel.first), viewer=panel.first) == []


def test_edit_and_withdraw_within_fifteen_minutes(panel):
    message = message_post(seat=seat_of(panel, panel.first), author=panel.first, body="Frist")
    message_edit(message=message, user=panel.first, body="First")

    with pytest.raises(ValidationError) as late:
        message_edit(
            message=message,
            user=panel.first,
            body="Later",
            now=message.created_at + dt.timedelta(minutes=16),
        )
    with pytest.raises(ValidationError) as other:
        message_withdraw(message=message, user=panel.second)
    message_withdraw(message=message, user=panel.first)
    message.refresh_from_db()

    assert (late.value.code, other.value.code) == ("too_late", "author")
    assert (message.body, message.withdrawn_at is not None) == ("First", True)
    edit = AuditEvent.objects.get(action="discussion.edit")
    assert edit.data["previous"] == "Frist"
    assert AuditEvent.objects.filter(action="discussion.withdraw").count() == 1


def test_unread_counts_leave_out_own_and_read_messages(panel):
    panel.submit(panel.first_assignment)
    panel.submit(panel.second_assignment)
    message_post(seat=seat_of(panel, panel.first), author=panel.first, body="One")
    message_post(seat=seat_of(panel, panel.first), author=panel.first, body="Two")

    before = (unread_by_round(user=panel.first), unread_by_round(user=panel.second))
    discussion_read_mark(
        seat=seat_of(panel, panel.second),
        user=panel.second,
        at=timezone.now() + dt.timedelta(seconds=1),
    )

    assert before == ({}, {panel.round.pk: 2})
    assert unread_by_round(user=panel.second) == {}
    assert unread_by_round(user=panel.chair) == {panel.round.pk: 2}
    assert unread_by_round(user=panel.conflicted) == {}
