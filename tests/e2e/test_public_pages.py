import pytest

from awards.demo import demo_seed
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_home_and_winner_pages_are_accessible_in_both_languages(live_server, page, language):
    demo_seed()
    prefix = "" if language == "en" else "/sv"
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(f"{live_server.url}{prefix}/")
    assert page.locator("h1").inner_text() != ""
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)
    screenshot(page, f"home-{language}")

    page.goto(
        f"{live_server.url}{prefix}/awards/flemingsberg-science-award/2024/idea/sally-sow-turn-up/"
    )
    assert "Sally Sow" in page.locator("h1").inner_text()
    assert_accessible(page)
    screenshot(page, f"winner-{language}")

    page.goto(f"{live_server.url}{prefix}/accounts/signup/")
    assert_accessible(page)

    # No inline script or style was blocked by the Content-Security-Policy.
    assert [e for e in console_errors if "Content Security Policy" in e] == []


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(live_server, page):
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
