"""The public face in a real browser: accessible, no CSP violation, screenshots for review."""

import pytest

from awards.demo import demo_seed
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "award": "/awards/flemingsberg-science-award/",
    "category": "/awards/flemingsberg-science-award/2026/idea/",
    "winner": "/awards/flemingsberg-science-award/2024/idea/sally-sow-turn-up/",
}


@pytest.mark.parametrize("language", ["en", "sv"])
def test_public_pages_render_accessibly_with_photo_in_both_languages(live_server, page, language):
    demo_seed()
    prefix = "" if language == "en" else "/sv"
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    for name, path in PAGES.items():
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.get_attribute("html", "lang") == language
        assert page.locator("h1").count() == 1
        assert_accessible(page)
        screenshot(page, f"awards-{name}-{language}")

    photo = page.locator("figure.winner-photo img")
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0") is True
    assert photo.get_attribute("alt") != ""
    # No inline script or style was blocked by the Content-Security-Policy.
    assert [e for e in console_errors if "Content Security Policy" in e] == []
