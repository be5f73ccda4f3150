import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberation.models import Meeting, MeetingAttendance, Message
from deliberation.services.meetings import meeting_focus, meeting_start
from judging.enums import Visibility
from judging.models import Decision
from tests.deliberation.meeting_builders import closed_round
from tests.judging.builders import assign, conflict

pytestmark = pytest.mark.django_db


def test_chair_starts_a_meeting_and_lands_on_the_presenter_view(client):
    scored = closed_round()
    client.force_login(scored.chair, mfa=True)
    url = reverse("deliberation:meeting-start", kwargs={"round_id": scored.round.pk})

    response = client.post(url, {"method": "mean", "top_n": "1"})
    meeting = Meeting.objects.get()
    page = client.get(response.url).content.decode()

    assert response.url == reverse("deliberation:meeting-presenter", kwargs={"pk": meeting.pk})
    assert "Agenda" in page and "Each judge" in page
    assert "Ada Judge" in page


def test_chair_moves_focus_and_records_a_decision(client):
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair)
    client.force_login(scored.chair, mfa=True)

    client.post(
        reverse("deliberation:meeting-focus", kwargs={"pk": meeting.pk}),
        {"entry": scored.entry.pk},
    )
    decided = client.post(
        reverse("deliberation:meeting-decide", kwargs={"pk": meeting.pk}),
        {"outcome": "winner", "reason": "Strongest"},
    )
    refused = client.post(
        reverse("deliberation:meeting-decide", kwargs={"pk": meeting.pk}),
        {"outcome": "winner", "reason": ""},
    )
    ended = client.post(reverse("deliberation:meeting-end", kwargs={"pk": meeting.pk}))
    minutes = client.get(ended.url).content.decode()

    assert (decided.status_code, refused.status_code) == (302, 422)
    assert Decision.objects.get().entry_id == scored.entry.pk
    assert "Strongest" in minutes and "Winner" in minutes


def test_follower_polls_and_gets_204_until_the_focus_moves(client):
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair)
    client.force_login(scored.judge, mfa=True)
    url = reverse("deliberation:meeting-follow", kwargs={"pk": meeting.pk})

    page = client.get(url)
    same = client.get(url, {"v": meeting.version}, headers={"HX-Request": "true"})
    meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
    moved = client.get(url, {"v": 0}, headers={"HX-Request": "true"})

    assert (page.status_code, same.status_code, moved.status_code) == (200, 204, 200)
    assert scored.entry.reference in moved.content.decode()
    assert "<html" not in moved.content.decode()
    assert MeetingAttendance.objects.filter(user=scored.judge).count() == 1


def test_follower_in_a_never_round_sees_no_figures_and_conflicted_sees_nothing(client):
    scored = closed_round(visibility=Visibility.NEVER)
    meeting = meeting_start(round=scored.round, by=scored.chair)
    meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
    other = scored.reviews[1].assignment.judge
    conflict(judge=other, entry=scored.entry)
    url = reverse("deliberation:meeting-follow", kwargs={"pk": meeting.pk})

    client.force_login(scored.judge, mfa=True)
    plain = client.get(url).content.decode()
    client.force_login(other, mfa=True)
    hidden = client.get(url).content.decode()

    assert scored.entry.reference in plain and "Mean score" not in plain
    assert scored.entry.reference not in hidden and "conflict" in hidden


def _presenter_queries(client, scored, meeting):
    client.force_login(scored.chair, mfa=True)
    url = reverse("deliberation:meeting-presenter", kwargs={"pk": meeting.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_presenter_queries_do_not_grow_with_entries_or_messages(client):
    small, large = closed_round(), closed_round()
    for index in range(10):
        assign(round=large.round, judge=large.judge, title=f"Extra {index}")
    small_meeting = meeting_start(round=small.round, by=small.chair)
    large_meeting = meeting_start(round=large.round, by=large.chair)
    for scored, meeting, count in ((small, small_meeting, 1), (large, large_meeting, 12)):
        meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
        for index in range(count):
            Message.objects.create(
                round=scored.round, entry=scored.entry, author=scored.judge, body=f"m{index}"
            )

    assert _presenter_queries(client, small, small_meeting) == _presenter_queries(
        client, large, large_meeting
    )


def test_follower_queries_do_not_grow_with_entries_or_messages(client):
    small, large = closed_round(), closed_round()
    for index in range(10):
        assign(round=large.round, judge=large.judge, title=f"Extra {index}")
    counts = []
    for scored, messages in ((small, 1), (large, 12)):
        meeting = meeting_start(round=scored.round, by=scored.chair)
        meeting_focus(meeting=meeting, entry_id=scored.entry.pk, by=scored.chair)
        for index in range(messages):
            Message.objects.create(
                round=scored.round, entry=scored.entry, author=scored.judge, body=f"m{index}"
            )
        client.force_login(scored.judge, mfa=True)
        url = reverse("deliberation:meeting-follow", kwargs={"pk": meeting.pk})
        with CaptureQueriesContext(connection) as queries:
            client.get(url, {"v": 0}, headers={"HX-Request": "true"})
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_minutes_print_in_swedish(client):
    scored = closed_round()
    meeting = meeting_start(round=scored.round, by=scored.chair)
    client.force_login(scored.chair, mfa=True)

    page = client.get(f"/sv/jury/meetings/{meeting.pk}/minutes/").content.decode()

    assert "Protokoll: Gallring" in page
    assert "Närvarande" in page and "Jäv som höll någon utanför" in page
