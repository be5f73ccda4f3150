"""The chair reads a closed round's results and advances the two best entries."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from judging.enums import JuryRole, RoundStatus
from judging.models import Decision
from tests.clients import LaurelClient as Client
from tests.e2e.conftest import assert_accessible, screenshot
from tests.factories import JuryMemberFactory, RoundFactory
from tests.judging.selectors.test_results import small_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_chair_reads_results_and_advances_two_entries(live_server, page):
    round, _judges, entries = small_round()
    round.status = RoundStatus.CLOSED
    round.save()
    RoundFactory(category=round.category, position=round.position + 1, name_en="Final")
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    sign_in(page, live_server, chair)
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(live_server.url + reverse("judging:round-results", args=[round.pk]))
    expect(page.locator("h1")).to_contain_text("Results")
    expect(page.get_by_test_id("reliability-reading")).to_contain_text("Judges")
    assert_accessible(page)
    screenshot(page, "round-results")

    page.get_by_label(f"Select {entries['First'].reference}").check()
    page.get_by_label(f"Select {entries['Third'].reference}").check()
    page.get_by_label("Decision", exact=True).select_option("advance")
    page.get_by_label("Reason", exact=True).fill("The two strongest ideas.")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("status")).to_contain_text("Decision recorded for 2 entries")
    assert sorted(Decision.objects.values_list("entry_id", flat=True)) == sorted(
        [entries["First"].pk, entries["Third"].pk]
    )
    assert [e for e in console_errors if "Content Security Policy" in e] == []
