import pytest

from deliberation.access import discussion_seat, visible_messages
from deliberation.enums import MessageKind
from deliberation.models import Message
from judging.enums import RoundStatus, Visibility
from judging.models import JuryMember
from tests.deliberation.conftest import panel_build

pytestmark = pytest.mark.django_db


def _post(panel, author, body, kind=MessageKind.JURY):
    return Message.objects.create(
        round=panel.round, entry=panel.entry, author=author, body=body, kind=kind
    )


def _visible(user):
    return sorted(visible_messages(user=user).values_list("body", flat=True))


def test_seat_for_assigned_judge_chair_and_nobody_else(panel):
    seats = {
        name: discussion_seat(user=getattr(panel, name), round=panel.round, entry=panel.entry)
        for name in ("first", "chair", "conflicted", "unassigned")
    }

    assert (seats["first"].manages, seats["first"].others_visible) == (False, False)
    assert (seats["chair"].manages, seats["chair"].others_visible) == (True, True)
    assert (seats["conflicted"], seats["unassigned"]) == (None, None)


def test_removed_judge_loses_the_discussion(panel):
    JuryMember.objects.filter(user=panel.first).update(active=False)
    _post(panel, panel.first, "mine")

    assert discussion_seat(user=panel.first, round=panel.round, entry=panel.entry) is None
    assert _visible(panel.first) == []


def test_after_own_review_colleagues_appear_once_submitted(panel):
    _post(panel, panel.first, "first's")
    _post(panel, panel.second, "second's")
    _post(panel, panel.chair, "note", kind=MessageKind.CHAIR_NOTE)

    before = _visible(panel.first)
    panel.submit(panel.first_assignment)
    seat = discussion_seat(user=panel.first, round=panel.round, entry=panel.entry)

    assert before == ["first's"]
    assert _visible(panel.first) == ["first's", "second's"]
    assert seat.others_visible is True
    assert _visible(panel.chair) == ["first's", "note", "second's"]
    assert _visible(panel.conflicted) == []
    assert _visible(panel.unassigned) == []


def test_after_round_closes_colleagues_appear_when_closed():
    panel = panel_build(visibility=Visibility.AFTER_ROUND_CLOSES)
    _post(panel, panel.second, "second's")
    panel.submit(panel.first_assignment)

    before = _visible(panel.first)
    panel.round.status = RoundStatus.CLOSED
    panel.round.save()

    assert before == []
    assert _visible(panel.first) == ["second's"]


def test_never_keeps_colleagues_hidden():
    panel = panel_build(visibility=Visibility.NEVER)
    _post(panel, panel.second, "second's")
    panel.submit(panel.first_assignment)
    panel.round.status = RoundStatus.CLOSED
    panel.round.save()

    assert _visible(panel.first) == []
    assert _visible(panel.chair) == ["second's"]


def test_conflicted_chair_sees_nothing_of_the_entry(panel):
    from tests.judging.builders import conflict

    _post(panel, panel.first, "first's")
    conflict(judge=panel.chair, entry=panel.entry)

    assert discussion_seat(user=panel.chair, round=panel.round, entry=panel.entry) is None
    assert _visible(panel.chair) == []
