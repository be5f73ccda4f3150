"""A judge screens on a phone, ranks by keyboard only and compares pairs; in both languages."""

import pytest
from playwright.sync_api import expect

from judging.enums import ReviewStatus, RoundMode
from judging.models import PairComparison, RankPlace, Review, ScreeningVote
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import UserFactory
from tests.judging.builders import assign, judged_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _round(mode, titles, **fields):
    round = judged_round(criteria=0, mode=mode, **fields)
    judge = UserFactory(language="en")
    assignments = [assign(round=round, judge=judge, title=title) for title in titles]
    return round, judge, assignments


def _tab_to(page, text: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element's text starts with `text` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()"
        )
        if focused.startswith(text):
            return
    raise AssertionError(f"{text!r} is not reachable with Tab")


def test_judge_screens_every_entry_on_a_phone(live_server, browser):
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/Stockholm", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    round, judge, assignments = _round(RoundMode.SCREENING, ["Turn UP", "Second idea"])
    sign_in(page, live_server, judge)

    page.goto(f"{live_server.url}/jury/")
    page.get_by_role("link", name="Screen your entries").click()
    first = page.locator(f"#entry-{assignments[0].pk}")
    first.get_by_text("Yes", exact=True).click()
    first.get_by_text("Saved at").wait_for()
    second = page.locator(f"#entry-{assignments[1].pk}")
    second.get_by_label("Reason (optional)").fill("Not an innovation yet")
    second.get_by_text("No", exact=True).click()
    second.get_by_text("Saved at").wait_for()
    expect(page.locator("#screening-count")).to_have_text("2 of 2 answered")
    assert dict(ScreeningVote.objects.values_list("assignment_id", "answer")) == {
        assignments[0].pk: "yes",
        assignments[1].pk: "no",
    }
    assert ScreeningVote.objects.get(assignment=assignments[1]).reason == "Not an innovation yet"
    assert_accessible(page)
    screenshot(page, "screening-phone")

    page.get_by_role("button", name="Submit my answers").click()
    page.get_by_text("2 answers submitted. Thank you.").wait_for()
    assert set(Review.objects.values_list("status", flat=True)) == {ReviewStatus.SUBMITTED}
    context.close()


def test_judge_ranks_with_the_keyboard_only(live_server, page):
    round, judge, assignments = _round(RoundMode.RANKING, ["Alpha", "Beta", "Gamma"])
    sign_in(page, live_server, judge)
    page.goto(f"{live_server.url}/jury/rounds/{round.pk}/judge/")
    items = page.locator(".ranking-item")
    expect(items).to_have_count(3)
    assert_accessible(page)

    # Move Gamma (third) to the top: Tab to its "Move up" and press Enter twice.
    _tab_to(page, "Move up: Gamma")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused.startswith("Move down") and "Gamma" in focused  # focus stays on Gamma
    expect(page.locator("#ranking-live")).to_contain_text("Gamma: Moved to position 1")
    # Tie Beta with Alpha above it.
    _tab_to(page, "Tied with the one above: Beta")
    page.keyboard.press("Space")
    expect(items.nth(2).locator(".ranking-badge")).to_have_text("Rank 2")
    assert [items.nth(i).get_attribute("data-title") for i in range(3)] == [
        "Gamma",
        "Alpha",
        "Beta",
    ]
    screenshot(page, "ranking-keyboard")

    _tab_to(page, "Submit ranking")
    page.keyboard.press("Enter")
    page.get_by_text("Ranking submitted. Thank you.").wait_for()
    ranks = {
        p.assignment.entry.title: p.rank
        for p in RankPlace.objects.select_related("assignment__entry")
    }
    assert ranks == {"Gamma": 1, "Alpha": 2, "Beta": 2}
    assert_accessible(page)


def test_judge_compares_pairs_until_done(live_server, page):
    round, judge, _ = _round(
        RoundMode.PAIRWISE, ["Alpha", "Beta", "Gamma"], comparisons_per_entry=1
    )  # 2 comparisons
    sign_in(page, live_server, judge)
    page.goto(f"{live_server.url}/jury/rounds/{round.pk}/judge/")

    page.get_by_text("0 of 2 comparisons made").wait_for()
    assert_accessible(page)
    screenshot(page, "pairwise-compare")
    page.get_by_role("button", name="The first is better").click()
    page.get_by_text("1 of 2 comparisons made").wait_for()
    page.get_by_role("button", name="Equal").click()
    page.get_by_text("That was your last comparison. Thank you.").wait_for()
    assert sorted(PairComparison.objects.values_list("outcome", flat=True)) == ["equal", "first"]
    assert_accessible(page)


def test_swedish_pages_of_each_mode(live_server, page):
    judge = UserFactory(language="sv")
    rounds = {}
    for mode in (RoundMode.SCREENING, RoundMode.RANKING, RoundMode.PAIRWISE):
        round = judged_round(criteria=0, mode=mode)
        for title in ("Alfa", "Beta"):
            assign(round=round, judge=judge, title=title)
        rounds[mode] = round
    sign_in(page, live_server, judge)

    expected = {
        RoundMode.SCREENING: "Skicka in mina svar",
        RoundMode.RANKING: "Flytta ner",
        RoundMode.PAIRWISE: "Det första är bättre",
    }
    for mode, text in expected.items():
        page.goto(f"{live_server.url}/sv/jury/rounds/{rounds[mode].pk}/judge/")
        page.get_by_text(text).first.wait_for()
        assert page.locator("html").get_attribute("lang") == "sv"
        assert_accessible(page)
        screenshot(page, f"{mode}-sv")
