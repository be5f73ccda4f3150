"""The organiser's pitch day page and a finalist's slot page, in both languages, axe clean."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission

from awards.models import AwardOrganiser
from finals.models import PitchDay, SlotRequest
from finals.services import pitch_day_schedule
from judging.models import RoundEntry
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import JuryMemberFactory, UserFactory
from tests.judging.builders import conflict, judged_round, submitted_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _day():
    organiser = UserFactory(is_staff=True, language="en")
    TOTP.activate(organiser, generate_totp_secret())
    organiser.user_permissions.set(Permission.objects.filter(codename="change_round"))
    round = judged_round(criteria=1, name_en="Pitch", name_sv="Pitch")
    AwardOrganiser.objects.create(award=round.category.edition.award, user=organiser)
    for title in ("Turn UP", "Second idea"):
        RoundEntry.objects.create(
            round=round, entry=submitted_entry(category=round.category, title=title)
        )
    judge = JuryMemberFactory(
        category=round.category, user=UserFactory(display_name="Ann Berg")
    ).user
    day = PitchDay.objects.create(
        round=round,
        starts_at=dt.datetime(2027, 5, 3, 7, 0, tzinfo=dt.UTC),
        place="Aula",
        video_link="https://meet.example.org/pitch",
    )
    slots = pitch_day_schedule(pitch_day=day, by=organiser)
    conflict(judge=judge, entry=slots[0].entry)
    SlotRequest.objects.create(slot=slots[1], requested_by=slots[1].entry.owner, message="Later")
    return organiser, day, slots


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_organiser_sees_panels_and_requests(live_server, page, prefix):
    organiser, day, _slots = _day()
    sign_in(page, live_server, organiser)

    page.goto(f"{live_server.url}{prefix}/finals/{day.pk}/")

    left_out = "Ann Berg: conflict of interest" if not prefix else "Ann Berg: jäv"
    page.get_by_text(left_out).wait_for()
    assert_accessible(page)
    screenshot(page, f"pitch-day{prefix.replace('/', '-')}")


def test_finalist_slot_page(live_server, page):
    _organiser, _day_obj, slots = _day()
    sign_in(page, live_server, slots[0].entry.owner)

    page.goto(f"{live_server.url}/finals/slots/{slots[0].pk}/")

    page.get_by_text("09:00–09:20").wait_for()
    page.get_by_label("Which times suit you better, and why?").fill("After lunch, please.")
    page.get_by_role("button", name="Send to the organiser").click()
    page.get_by_text("Your request is sent to the organiser.").wait_for()
    assert_accessible(page)
