import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from icalendar import Calendar

from awards.models import AwardOrganiser
from finals.models import PitchDay, SlotRequest
from finals.services import pitch_day_schedule
from judging.models import RoundEntry
from tests.factories import AwardFactory, JuryMemberFactory, UserFactory
from tests.judging.builders import conflict, judged_round, submitted_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False  # the two-factor rule is tested in tests/accounts
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="change_round"))
    return user


@pytest.fixture
def day(organiser):
    round = judged_round(criteria=1, name_en="Pitch")
    # Organisers belong to an award: this one runs the pitch day's.
    AwardOrganiser.objects.create(award=round.category.edition.award, user=organiser)
    for title in ("Alpha", "Beta"):
        RoundEntry.objects.create(
            round=round, entry=submitted_entry(category=round.category, title=title)
        )
    day = PitchDay.objects.create(
        round=round, starts_at=dt.datetime(2027, 5, 3, 7, 0, tzinfo=dt.UTC), place="Aula"
    )
    return day


def test_organiser_sees_the_schedule_with_who_is_out_and_why(client, day, organiser):
    judge = JuryMemberFactory(
        category=day.round.category, user=UserFactory(display_name="Ann Berg")
    ).user
    slots = pitch_day_schedule(pitch_day=day, by=organiser)
    conflict(judge=judge, entry=slots[0].entry)
    client.force_login(organiser)

    response = client.get(reverse("finals:pitch-day-detail", kwargs={"pk": day.pk}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "09:00–09:20" in body and "09:25–09:45" in body
    assert "Ann Berg: conflict of interest (Professional)" in body


def test_schedule_and_swap_by_post(client, day, organiser):
    client.force_login(organiser)

    client.post(reverse("finals:pitch-day-schedule", kwargs={"pk": day.pk}))
    first, second = day.slots.order_by("position")
    response = client.post(
        reverse("finals:pitch-slot-swap", kwargs={"pk": day.pk}),
        {"first": first.pk, "second": second.pk},
    )

    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.position, first.sequence) == (2, 1)


def test_pitch_day_is_404_for_a_chair(client, day, organiser):
    chair = JuryMemberFactory(category=day.round.category, role="chair").user
    client.force_login(chair)

    assert client.get(reverse("finals:pitch-day-detail", kwargs={"pk": day.pk})).status_code == 404
    assert (
        client.post(reverse("finals:pitch-day-schedule", kwargs={"pk": day.pk})).status_code == 404
    )


def test_pitch_day_is_404_for_an_organiser_of_another_award(client, day, organiser):
    other = UserFactory(is_staff=True)
    other.user_permissions.set(Permission.objects.filter(codename="change_round"))
    AwardOrganiser.objects.create(award=AwardFactory(), user=other)
    client.force_login(other)

    assert client.get(reverse("finals:pitch-day-detail", kwargs={"pk": day.pk})).status_code == 404
    response = client.post(reverse("finals:pitch-day-schedule", kwargs={"pk": day.pk}))
    assert (response.status_code, day.slots.count()) == (404, 0)


def test_finalist_sees_the_slot_downloads_the_calendar_and_asks_for_another(client, day, organiser):
    slot = pitch_day_schedule(pitch_day=day, by=organiser)[0]
    client.force_login(slot.entry.owner)
    url = reverse("finals:slot-detail", kwargs={"pk": slot.pk})

    assert "09:00–09:20" in client.get(url).content.decode()
    ics = client.get(reverse("finals:slot-ics", kwargs={"pk": slot.pk}))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"pitch-slot-{slot.pk}@laurel"
    response = client.post(url, {"message": "We can only come after lunch."})

    assert response.status_code == 302
    assert SlotRequest.objects.get().message == "We can only come after lunch."


def test_other_entrant_cannot_see_the_slot(client, day, organiser):
    slot = pitch_day_schedule(pitch_day=day, by=organiser)[0]
    client.force_login(UserFactory())

    assert client.get(reverse("finals:slot-detail", kwargs={"pk": slot.pk})).status_code == 404
    assert client.get(reverse("finals:slot-ics", kwargs={"pk": slot.pk})).status_code == 404


def test_organiser_grants_a_request_by_swapping(client, day, organiser):
    first, second = pitch_day_schedule(pitch_day=day, by=organiser)
    request = SlotRequest.objects.create(
        slot=first, requested_by=first.entry.owner, message="Later"
    )
    client.force_login(organiser)

    client.post(
        reverse("finals:slot-request-decide", kwargs={"pk": request.pk}),
        {f"r{request.pk}-grant": "yes", f"r{request.pk}-swap_with": second.pk},
    )

    request.refresh_from_db()
    first.refresh_from_db()
    assert (request.status, first.position) == ("granted", 2)
