"""The chair reads a closed round's results and advances the two best entries, in English and
in Swedish: axe-core on the page, its scroll regions reachable by keyboard, the charts in the
page's language, nothing preselected in the decision form; and at 320 px wide."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from judging.enums import JuryRole, RoundStatus
from judging.models import Decision
from judging.results.analysis import DEFAULT_TOP_N
from judging.results_prepare import results_prepare
from judging.selectors.results import round_results_revision
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


def words(lang, text):
    with translation.override(lang):
        return gettext(text)


def closed_round_with_a_chair(*, long_names=False):
    round, judges, entries = small_round()
    round.status = RoundStatus.CLOSED
    round.save()
    if long_names:
        judges[0].display_name = "Professor Maximiliana Vandersloot-Eriksson"
        judges[0].save()
    RoundFactory(category=round.category, position=round.position + 1, name_en="Final")
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    return round, entries, chair


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_chair_reads_results_and_advances_two_entries(live_server, page, lang):
    round, entries, chair = closed_round_with_a_chair(long_names=True)
    chair.language = lang
    chair.save()
    sign_in(page, live_server, chair)
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    with translation.override(lang):
        url = live_server.url + reverse("judging:round-results", args=[round.pk])

    page.goto(url)
    assert page.get_attribute("html", "lang") == lang
    expect(page.locator("h1")).to_contain_text(words(lang, "Results"))
    assert_accessible(page)
    screenshot(page, f"round-results-{lang}")

    # Every sideways scroll region is a named, focusable region.
    regions = page.locator(".results-region")
    assert regions.count() >= 3
    for i in range(regions.count()):
        region = regions.nth(i)
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label")
    regions.first.focus()
    expect(regions.first).to_be_focused()

    # The chart's tooltips follow the page's language and number format.
    tooltip = page.locator("#judge-distributions-title ~ g title").first.text_content()
    if lang == "sv":
        assert " medel " in tooltip and "," in tooltip and "." not in tooltip.split("·")[-1]
    else:
        assert " mean " in tooltip

    decision = page.get_by_label(words(lang, "Decision"), exact=True)
    assert decision.input_value() == ""
    select = words(lang, "Select %(entry)s")
    page.get_by_label(select % {"entry": entries["First"].reference}).check()
    page.get_by_label(select % {"entry": entries["Third"].reference}).check()
    decision.select_option("advance")
    page.get_by_label(words(lang, "Reason"), exact=True).fill("The two strongest ideas.")
    page.get_by_role("button", name=words(lang, "Record the decision")).click()

    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    assert sorted(Decision.objects.values_list("entry_id", flat=True)) == sorted(
        [entries["First"].pk, entries["Third"].pk]
    )
    assert [e for e in console_errors if "Content Security Policy" in e] == []


def test_results_page_at_320_pixels_keeps_the_page_from_scrolling_sideways(live_server, browser):
    round, _entries, chair = closed_round_with_a_chair(long_names=True)
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="sv-SE")
    page = context.new_page()
    sign_in(page, live_server, chair)

    page.goto(live_server.url + reverse("judging:round-results", args=[round.pk]))

    # Wide tables and charts scroll inside their regions; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    screenshot(page, "round-results-320")
    context.close()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_open_round_results_alert_link_is_readable(live_server, page, lang):
    """The "Round progress" link on the open round's alert passes axe's contrast check."""
    round, _entries, chair = closed_round_with_a_chair()
    round.status = RoundStatus.OPEN
    round.save()
    sign_in(page, live_server, chair)
    with translation.override(lang):
        url = live_server.url + reverse("judging:round-results", args=[round.pk])

    page.goto(url)

    link = page.get_by_role("link", name=words(lang, "Round progress"))
    expect(link).to_have_class("alert-link")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_large_round_shows_its_results_once_the_worker_has_them(live_server, page, lang):
    """The dummy backend keeps the analysis queued, as a busy worker would; the page says so,
    asks on its own, and shows the ranking once the task has run (judging/results_prepare.py).
    Run here, the task stores the analysis in the cache the server thread reads."""
    round, entries, chair = closed_round_with_a_chair()
    chair.language = lang
    chair.save()
    queued = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=queued, RESULTS_BACKGROUND_MIN_ENTRIES=2):
        sign_in(page, live_server, chair)
        prefix = "/sv" if lang == "sv" else ""
        page.goto(live_server.url + prefix + reverse("judging:round-results", args=[round.pk]))

        expect(page.get_by_role("status")).to_contain_text(
            words(lang, "The analysis is being computed for the latest scores.")
        )
        assert_accessible(page)
        screenshot(page, f"results-pending-{lang}")
        # The queue is the server thread's own; the worker's task gets what the page asked for.
        results_prepare.call(
            round_id=round.pk,
            hidden=[],
            method="shrunk",
            top_n=round.advance_count or DEFAULT_TOP_N,
            without=[],
            revision=round_results_revision(round=round),
        )

        expect(page.get_by_role("heading", name=words(lang, "Ranking"), exact=True)).to_be_visible()
        assert page.locator("#results-pending").count() == 0
        assert entries["First"].reference in page.locator("table").first.inner_text()
