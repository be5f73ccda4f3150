import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from audit.models import AuditEvent
from awards.models import AwardOrganiser
from finals.enums import SlotRequestStatus
from finals.models import PitchDay
from finals.panels import slot_panels
from finals.services import (
    pitch_day_schedule,
    pitch_slot_cancel,
    pitch_slots_swap,
    slot_request_create,
    slot_request_decide,
    slot_times,
)
from judging.enums import JuryRole
from judging.models import Assignment, Review, RoundEntry
from judging.services.reviews import review_lock_reason
from tests.factories import JuryMemberFactory, UserFactory
from tests.judging.builders import conflict, judged_round, submitted_entry

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 5, 3, 7, 0, tzinfo=dt.UTC)  # 09:00 in Stockholm (summer time)


@pytest.fixture
def organiser():
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="change_round"))
    return user


@pytest.fixture
def day(organiser):
    round = judged_round(criteria=1, name_en="Pitch")
    # Organisers belong to an award: this one runs the pitch day's.
    AwardOrganiser.objects.create(award=round.category.edition.award, user=organiser)
    for title in ("Alpha", "Beta", "Gamma"):
        entry = submitted_entry(
            category=round.category, title=title, owner=UserFactory(language="sv")
        )
        RoundEntry.objects.create(round=round, entry=entry)
    return PitchDay.objects.create(
        round=round,
        starts_at=START,
        place="Flemingsberg, Alfred Nobels allé 8",
        video_link="https://meet.example.org/pitch",
        slot_minutes=20,
        gap_minutes=5,
        break_after=2,
        break_minutes=30,
    )


def _ics(message):
    ((name, content, mimetype),) = message.attachments
    assert name == "pitch.ics"
    return Calendar.from_ical(content), mimetype


def test_slot_times_follow_length_gap_and_breaks(day):
    assert [slot_times(day=day, position=p)[0].strftime("%H:%M") for p in (1, 2, 3, 4, 5)] == [
        "07:00",
        "07:25",
        "08:20",  # 07:50 + the 30-minute break after two slots
        "08:45",
        "09:40",
    ]
    assert slot_times(day=day, position=1)[1] - START == dt.timedelta(minutes=20)


def test_schedule_gives_each_finalist_a_slot_and_invites_team_and_panel(
    day, organiser, django_capture_on_commit_callbacks
):
    judge = JuryMemberFactory(category=day.round.category, user=UserFactory(language="en")).user

    with django_capture_on_commit_callbacks(execute=True):
        slots = pitch_day_schedule(pitch_day=day, by=organiser)

    assert [(s.entry.title, s.position, s.sequence) for s in slots] == [
        ("Alpha", 1, 0),
        ("Beta", 2, 0),
        ("Gamma", 3, 0),
    ]
    assert Assignment.objects.filter(round=day.round, judge=judge).count() == 3
    assert len(mail.outbox) == 6  # each owner and the judge, for three slots
    to_owner = next(m for m in mail.outbox if m.to == [slots[0].entry.owner.email])
    assert "Pitch av Alpha" in to_owner.subject  # the owner reads Swedish
    calendar, mimetype = _ics(to_owner)
    assert mimetype == "text/calendar; method=REQUEST; charset=utf-8"
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"pitch-slot-{slots[0].pk}@laurel"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART").strftime("%H:%M") == "09:00"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["LOCATION"]) == "Flemingsberg, Alfred Nobels allé 8"
    assert AuditEvent.objects.get(action="pitch_day.schedule").data["slots"] == 3


def test_conflicted_judge_is_left_off_the_panel_with_the_reason(day, organiser):
    judge = JuryMemberFactory(category=day.round.category).user
    chair = JuryMemberFactory(category=day.round.category, role=JuryRole.CHAIR).user
    slots = pitch_day_schedule(pitch_day=day, by=organiser)
    found = conflict(judge=judge, entry=slots[1].entry)

    panels = slot_panels(pitch_day=day)

    assert [set(p.panel) for p in panels] == [{judge, chair}, {chair}, {judge, chair}]
    assert panels[1].out == [(judge, found)]


def test_schedule_does_not_assign_a_conflicted_judge(day, organiser):
    judge = JuryMemberFactory(category=day.round.category).user
    entry = RoundEntry.objects.filter(round=day.round).order_by("entry__reference")[0].entry
    conflict(judge=judge, entry=entry)

    pitch_day_schedule(pitch_day=day, by=organiser)

    assert not Assignment.objects.filter(judge=judge, entry=entry).exists()
    assert Assignment.objects.filter(judge=judge).count() == 2


def test_swap_updates_both_with_the_same_uid_and_a_higher_sequence(
    day, organiser, django_capture_on_commit_callbacks
):
    first, second, third = pitch_day_schedule(pitch_day=day, by=organiser)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pitch_slots_swap(first=first, second=third, by=organiser)

    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.position, third.position) == (3, 1)
    assert (first.sequence, third.sequence) == (1, 1)
    assert len(mail.outbox) == 2
    event = _ics(mail.outbox[0])[0].walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) in {f"pitch-slot-{first.pk}@laurel", f"pitch-slot-{third.pk}@laurel"}


def test_cancel_sends_method_cancel(day, organiser, django_capture_on_commit_callbacks):
    slot = pitch_day_schedule(pitch_day=day, by=organiser)[0]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pitch_slot_cancel(slot=slot, by=organiser)

    calendar, mimetype = _ics(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)
    assert "method=CANCEL" in mimetype


def test_finalist_asks_for_another_slot_and_the_organiser_grants_it(day, organiser):
    first, second, _third = pitch_day_schedule(pitch_day=day, by=organiser)

    request = slot_request_create(slot=first, by=first.entry.owner, message="We fly in at 10.")
    with pytest.raises(ValidationError) as refused:
        slot_request_create(slot=first, by=first.entry.owner, message="Again")
    assert refused.value.code == "pending"
    slot_request_decide(request=request, by=organiser, grant=True, swap_with=second)

    request.refresh_from_db()
    first.refresh_from_db()
    assert request.status == SlotRequestStatus.GRANTED
    assert first.position == 2


def test_only_the_team_asks_and_only_organisers_decide(day, organiser):
    slot = pitch_day_schedule(pitch_day=day, by=organiser)[0]

    with pytest.raises(PermissionDenied):
        slot_request_create(slot=slot, by=UserFactory(), message="Please")
    request = slot_request_create(slot=slot, by=slot.entry.owner, message="Please")
    with pytest.raises(PermissionDenied):
        slot_request_decide(request=request, by=slot.entry.owner, grant=False)
    with pytest.raises(PermissionDenied):
        pitch_day_schedule(pitch_day=day, by=UserFactory())


def test_scoring_opens_for_the_panel_at_the_slot(day, organiser):
    judge = JuryMemberFactory(category=day.round.category).user
    slot = pitch_day_schedule(pitch_day=day, by=organiser)[1]
    assignment = Assignment.objects.get(judge=judge, entry=slot.entry)
    review = Review(assignment=assignment)
    day.round.opens_at = START - dt.timedelta(days=1)
    day.round.closes_at = START + dt.timedelta(days=1)

    before = review_lock_reason(
        review=review, round=day.round, now=slot.starts_at - dt.timedelta(minutes=1)
    )
    at = review_lock_reason(review=review, round=day.round, now=slot.starts_at)

    assert before.startswith("Scoring of this finalist opens when their pitch starts")
    assert at is None
