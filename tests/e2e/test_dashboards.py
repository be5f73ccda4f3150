"""Browser walk of the judge's paged dashboard and a signed-in winner page, in Swedish on a
320 px wide screen: names in Swedish, nothing sideways out of reach, axe clean, keyboard usable."""

import pytest

from judging.enums import ReviewStatus
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import ReviewFactory, UserFactory, WinnerFactory
from tests.judging.builders import assign, judged_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _narrow(page):
    page.set_viewport_size({"width": 320, "height": 640})


def test_swedish_judge_dashboard_at_320_px_pages_work_first(live_server, page):
    round = judged_round(name_en="Screening", name_sv="Gallring")
    round.category.name_en, round.category.name_sv = "Idea", "Idé"
    round.category.save()
    judge = UserFactory(language="sv")
    assignments = [assign(round=round, judge=judge, title=f"Idé {n}") for n in range(55)]
    ReviewFactory(assignment=assignments[10])  # in progress: listed first
    ReviewFactory(assignment=assignments[0], status=ReviewStatus.SUBMITTED)
    sign_in(page, live_server, judge)
    _narrow(page)

    page.goto(f"{live_server.url}/sv/jury/")

    assert page.locator("h2.h3").first.inner_text().endswith("Idé · Gallring")
    first_row = page.locator("tbody tr").first
    assert "Idé 10" in first_row.inner_text() and "Utkast" in first_row.inner_text()
    assert page.locator("tbody tr").count() == 50
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    screenshot(page, "dashboards-jury-sv-320")

    next_link = page.get_by_role("link", name="Nästa")
    next_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2")
    assert page.locator("tbody tr").count() == 5
    assert "Sida 2 av 2" in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Inskickat").click()
    assert page.locator("tbody tr").count() == 1
    screenshot(page, "dashboards-jury-sv-320-submitted")


def test_signed_in_winner_page_in_swedish_at_320_px(live_server, page):
    winner = WinnerFactory(citation_en="For music.", citation_sv="För musik.")
    user = UserFactory(display_name="Sally Sow", language="sv")
    page.goto(f"{live_server.url}/sv{winner.get_absolute_url()}")  # cached for everyone
    sign_in(page, live_server, user)
    _narrow(page)

    page.goto(f"{live_server.url}/sv{winner.get_absolute_url()}")

    assert "För musik." in page.content()
    page.get_by_role("button", name="Visa eller dölj menyn").click()
    assert page.get_by_role("link", name="Sally Sow").is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()
    assert_accessible(page)
    screenshot(page, "dashboards-winner-signed-in-sv-320")
