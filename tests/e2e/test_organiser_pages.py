"""Organiser pages and the privacy pages in a real browser: accessible, keyboard reachable."""

import pytest
from django.urls import reverse

from audit.services import audit_record
from submissions.enums import EntryStatus
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import AnswerFactory, CategoryFactory, EntryFactory, QuestionFactory
from tests.submissions.samples import organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_pages_are_accessible(live_server, page):
    category = CategoryFactory()
    CategoryFactory(edition=category.edition)  # so the page offers the move form too
    entry = EntryFactory(category=category, title="Turn UP", status=EntryStatus.SUBMITTED)
    AnswerFactory(entry=entry, question=QuestionFactory(category=category), value="Music")
    audit_record(actor=entry.owner, action="entry.submit", target=entry, edition=category.edition)
    sign_in(
        page, live_server, organiser("view_entry", "change_entry", award=category.edition.award)
    )
    edition = category.edition

    page.goto(live_server.url + reverse("submissions:organiser-entry-list", args=[edition.pk]))
    page.get_by_label("Search").fill("turn")
    page.get_by_label("Search").press("Enter")
    page.get_by_role("link", name="Turn UP").wait_for()
    assert_accessible(page)
    screenshot(page, "organiser-entry-list")

    page.get_by_role("link", name="Turn UP").click()
    page.get_by_label("Eligibility").select_option("ineligible")
    page.get_by_label("Reason", exact=True).fill("Not based in Flemingsberg.")
    page.get_by_role("button", name="Save eligibility").click()
    page.get_by_text("The eligibility has been saved.").wait_for()
    assert_accessible(page)
    screenshot(page, "organiser-entry-detail")

    page.goto(live_server.url + reverse("submissions:organiser-audit-list", args=[edition.pk]))
    page.get_by_text("Eligibility ruled").first.wait_for()
    assert_accessible(page)


def test_privacy_pages_are_accessible(live_server, page):
    entry = EntryFactory()
    page.goto(live_server.url + reverse("accounts:privacy"))
    assert_accessible(page)
    sign_in(page, live_server, entry.owner)

    page.goto(live_server.url + reverse("accounts:data"))
    assert_accessible(page)
    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password").wait_for()
    assert_accessible(page)
    screenshot(page, "account-delete")
