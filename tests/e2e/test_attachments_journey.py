"""Attachments in a real browser: upload with a progress bar, refusal shown by the field,
removal, all without leaving the entry page."""

import pytest

from submissions.models import Attachment
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import EntryFactory
from tests.submissions.samples import EXE, PDF, file_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_refuse_and_remove_on_the_entry_page(live_server, page):
    entry = EntryFactory()
    question = file_question(entry, label_en="Business plan", max_files=1)
    sign_in(page, live_server, entry.owner)
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(live_server.url + entry.get_absolute_url())
    file_input = page.locator(f"#attachment-file-{question.pk}")

    file_input.set_input_files({"name": "setup.pdf", "mimeType": "application/pdf", "buffer": EXE})
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("Programs cannot be uploaded.").first.wait_for()
    assert page.locator(f"#attachment-file-{question.pk}").get_attribute("aria-invalid") == "true"

    page.locator(f"#attachment-file-{question.pk}").set_input_files(
        {"name": "Turn UP plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("link", name="Turn UP plan.pdf").wait_for()
    assert Attachment.objects.get().original_name == "Turn UP plan.pdf"
    assert page.url == live_server.url + entry.get_absolute_url()
    # Checked before axe runs: axe itself sets inline styles while it measures contrast.
    assert [e for e in errors if "Content Security Policy" in e] == []
    assert_accessible(page)
    screenshot(page, "attachments-uploaded")

    page.get_by_role("button", name="Remove Turn UP plan.pdf").click()
    page.locator(f"#attachment-file-{question.pk}").wait_for()
    assert Attachment.objects.count() == 0


def test_typing_after_an_upload_autosaves_without_a_false_conflict(live_server, page):
    # An upload changes the entry's revision; the page must build its next autosave on it.
    entry = EntryFactory(title="Turn UP")
    file_question(entry, label_en="Business plan", max_files=1)
    sign_in(page, live_server, entry.owner)
    page.goto(live_server.url + entry.get_absolute_url())

    page.locator("input[type=file]").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("link", name="plan.pdf").wait_for()
    page.get_by_label("Title").fill("Turn UP: music for everyone")
    page.get_by_label("Title").blur()
    page.locator("#autosave-status .text-success").wait_for()

    print("STATUS", page.locator("#autosave-status").inner_html())
    page.wait_for_timeout(2000)
    entry.refresh_from_db()
    assert entry.title == "Turn UP: music for everyone"
    assert "saved somewhere else" not in page.locator("#autosave-status").inner_text()
