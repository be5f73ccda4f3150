"""The entrant's journey in a real browser: autosave, failures that keep the text, crash
recovery, review, submit."""

import re
import time

import pytest
from playwright.sync_api import expect

from submissions.enums import EntryStatus, QuestionKind
from submissions.models import Answer, Entry
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import CategoryFactory, EntryFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _eventually(check, timeout: float = 10.0):
    """Poll `check` until it returns a truthy value: saves finish a moment after the page
    shows the previous one."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)
    return result


@pytest.fixture
def draft():
    category = CategoryFactory(
        code="IDEA", edition__year=2026, edition__award__code="FSA", edition__award__slug="fsa"
    )
    idea = QuestionFactory(
        category=category, kind=QuestionKind.LONG_TEXT, label_en="Describe the idea", max_words=5
    )
    QuestionFactory(
        category=category,
        kind=QuestionKind.CHECKBOX,
        label_en="I agree to the terms",
        consent_version="terms-1",
    )
    return EntryFactory(category=category, title="", pitch=""), idea


def test_entry_autosaves_and_submits(live_server, page, draft):
    entry, idea = draft
    sign_in(page, live_server, entry.owner)
    errors = []
    page.on(
        "console",
        lambda msg: msg.type == "error" and errors.append((page.url, msg.text, msg.location)),
    )

    page.goto(live_server.url + entry.get_absolute_url())
    assert_accessible(page)
    page.get_by_label("Title").fill("Turn UP")
    page.get_by_label("Short pitch").fill("Local music events for everyone.")
    page.get_by_label("Describe the idea").fill("one two three four five six")
    page.get_by_label("Describe the idea").blur()

    assert page.locator(f"[data-word-count-for='id_q_{idea.pk}'] [data-count]").inner_text() == "6"
    answer = _eventually(lambda: Answer.objects.filter(entry=entry, question=idea).first())
    page.locator("#autosave-status").filter(has_text=re.compile("Saved at")).wait_for()
    entry.refresh_from_db()
    assert (entry.title, answer.value) == ("Turn UP", "one two three four five six")

    page.get_by_role("button", name="Review and submit").click()
    # The post waits for the save that leaving the field started.
    expect(page.locator("h1")).to_have_text("Review and submit")
    assert page.get_by_role("link", name="I agree to the terms").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Describe the idea").click()
    page.get_by_label("Describe the idea").fill("one two three")
    page.get_by_label("I agree to the terms").check()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit entry").click()

    assert page.locator(".entry-reference").first.inner_text() == "FSA-2026-IDEA-0001"
    assert_accessible(page)
    entry.refresh_from_db()
    assert (entry.status, entry.consent_version) == (EntryStatus.SUBMITTED, "terms-1")
    page.goto(live_server.url + "/entries/")
    assert_accessible(page)
    assert [e for e in errors if "Content Security Policy" in e[1]] == []
    # Last: a screenshot leaves a style attribute on the focused element that htmx would copy.
    page.goto(live_server.url + entry.get_absolute_url())
    screenshot(page, "entry-edit")


def test_review_waits_for_a_save_still_on_its_way(live_server, page, draft):
    """The server has the first save but its answer (with the new revision) is late; "Review
    and submit" posted at once would carry the old revision and conflict with the entrant's own
    save. The post waits for the answer instead."""
    entry, _idea = draft
    sign_in(page, live_server, entry.owner)
    page.goto(live_server.url + entry.get_absolute_url())
    late = []

    def hold_the_first_answer(route):
        if late:
            route.continue_()
        else:
            late.append((route, route.fetch()))

    page.route("**/autosave/", hold_the_first_answer)
    page.get_by_label("Title").fill("Turn UP")
    page.get_by_label("Short pitch").focus()
    # Route handlers run while Playwright waits, not while Python sleeps.
    while not late:
        page.wait_for_timeout(50)
    page.get_by_label("Short pitch").fill("Local music events for everyone.")
    page.get_by_role("button", name="Review and submit").click()
    page.wait_for_timeout(500)  # time for a post sent at once to arrive and be refused
    route, answer = late[0]
    route.fulfill(response=answer)

    expect(page.locator("h1")).to_have_text("Review and submit")
    entry.refresh_from_db()
    assert (entry.title, entry.pitch) == ("Turn UP", "Local music events for everyone.")


def test_entry_text_survives_failed_saves_and_a_crash(live_server, page, browser, draft):
    entry, _idea = draft
    sign_in(page, live_server, entry.owner)
    page.goto(live_server.url + entry.get_absolute_url())

    # Offline: the save fails, the page says so and keeps the text.
    page.context.set_offline(True)
    page.get_by_label("Title").fill("Typed while offline")
    page.get_by_label("Title").blur()
    page.locator("#autosave-status").filter(has_text="check your connection").wait_for()
    assert page.get_by_label("Title").input_value() == "Typed while offline"

    # The browser crashes; the entrant comes back later: nothing was saved since, so the text
    # is simply back, and saved.
    page.goto("about:blank")
    page.context.set_offline(False)
    page.goto(live_server.url + entry.get_absolute_url())
    assert page.get_by_label("Title").input_value() == "Typed while offline"
    _eventually(lambda: Entry.objects.filter(pk=entry.pk, title="Typed while offline").exists())

    # Another tab saved meanwhile: the save is refused and the text stays in the page.
    Entry.objects.filter(pk=entry.pk).update(title="From the other tab", revision=99)
    page.get_by_label("Title").fill("From this tab")
    page.get_by_label("Title").blur()
    page.locator("#autosave-status").filter(has_text="saved somewhere else").wait_for()
    assert page.get_by_label("Title").input_value() == "From this tab"

    # Signed out: the page says so, keeps the text, and saves once signed in again.
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Save my version over it").click()
    page.locator("#autosave-status").filter(has_text="signed out").wait_for()
    sign_in(page, live_server, entry.owner)
    _eventually(lambda: Entry.objects.filter(pk=entry.pk, title="From this tab").exists(), 20)
