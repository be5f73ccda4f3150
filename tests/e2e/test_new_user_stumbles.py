"""Where a new user stumbled (issue 11), walked in the browser: a quick reload keeps the typed
text, the focused field is never hidden under the action bar at 320 px, error summaries take the
focus, and staff set up two-factor authentication with one password prompt."""

import pytest

from submissions.enums import QuestionKind
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import CategoryFactory, EntryFactory, QuestionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def draft():
    category = CategoryFactory()
    for position in range(6):
        QuestionFactory(
            category=category,
            position=position,
            kind=QuestionKind.LONG_TEXT,
            label_en=f"Question {position + 1}",
        )
    return EntryFactory(category=category, title="", pitch="")


def test_a_reload_right_after_typing_shows_the_text(live_server, page, draft):
    sign_in(page, live_server, draft.owner)
    page.goto(live_server.url + draft.get_absolute_url())

    page.get_by_label("Title").fill("Turn UP")
    page.reload()

    assert page.get_by_label("Title").input_value() == "Turn UP"
    assert page.locator("#autosave-restore").is_hidden()


def test_at_320px_the_focused_field_stays_above_the_action_bar(live_server, browser, draft):
    # Reduced motion: Bootstrap's smooth scrolling would still be moving when we measure.
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()
    sign_in(page, live_server, draft.owner)
    page.goto(live_server.url + draft.get_absolute_url())

    hidden = []
    for _ in range(12):
        page.keyboard.press("Tab")
        box = page.evaluate(
            """() => {
                const el = document.activeElement, bar = document.getElementById("entry-form");
                if (!el || bar.contains(el) || el === document.body) return null;
                const r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return {name: el.name || el.id, bottom: r.bottom, barTop: b.top};
            }"""
        )
        if box and box["bottom"] > box["barTop"] + 1:
            hidden.append(box)
    screenshot(page, "entry-edit-320-focus")
    context.close()

    assert hidden == []


def test_text_kept_while_a_teammate_saved_meanwhile_is_offered_back_not_forced(
    live_server, page, draft
):
    sign_in(page, live_server, draft.owner)
    page.goto(live_server.url + draft.get_absolute_url())
    page.context.set_offline(True)
    page.get_by_label("Title").fill("Mine")
    page.get_by_label("Title").blur()
    page.locator("#autosave-status").filter(has_text="check your connection").wait_for()
    page.goto("about:blank")
    page.context.set_offline(False)
    type(draft).objects.filter(pk=draft.pk).update(title="Teammate's", revision=5)

    page.goto(live_server.url + draft.get_absolute_url())

    assert page.get_by_label("Title").input_value() == "Teammate's"
    page.get_by_role("button", name="Restore my text").click()
    assert page.get_by_label("Title").input_value() == "Mine"


def test_the_problems_before_submitting_are_announced_and_focused(live_server, page, draft):
    sign_in(page, live_server, draft.owner)

    page.goto(live_server.url + f"/entries/{draft.pk}/review/")

    summary = page.locator("[data-focus-on-load]")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-focus-on-load')")
    assert_accessible(page)


def test_staff_set_up_two_factor_with_one_password_prompt(live_server, page):
    staff = UserFactory(email="organiser@example.org", password=PASSWORD, is_staff=True)

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator(".totp-secret").is_visible()
    assert page.locator("img.totp-qr").is_visible()
    assert_accessible(page)
    screenshot(page, "totp-setup")
