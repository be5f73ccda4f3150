"""Audit events are data, put into words in the reader's language (audit/describe.py)."""

import pytest
from django.urls import reverse
from django.utils import translation

from audit.describe import audit_event_details, audit_event_label
from audit.models import AuditEvent
from submissions.services.entries import entry_save_draft
from tests.factories import EntryFactory, QuestionFactory
from tests.submissions.samples import organiser

pytestmark = pytest.mark.django_db


def _edit_event(entry):
    question = QuestionFactory(category=entry.category)
    entry_save_draft(
        entry=entry,
        user=entry.owner,
        title="Turn UP",
        pitch="Music for all.",
        organisation=entry.organisation,
        answers={question.pk: "Yes"},
        revision=entry.revision,
    )
    return AuditEvent.objects.get(action="entry.edit")


def test_an_edit_names_the_fields_in_the_readers_language():
    event = _edit_event(EntryFactory(title="", pitch=""))

    with translation.override("en"):
        english = (audit_event_label(event), audit_event_details(event))
    with translation.override("sv"):
        swedish = (audit_event_label(event), audit_event_details(event))

    assert english == ("Entry edited", "Title, Short pitch, 1 answer")
    assert swedish == ("Bidraget ändrat", "Titel, Kort presentation, 1 svar")


def test_an_unknown_action_or_old_data_shows_the_stored_summary():
    entry = EntryFactory()
    unknown = AuditEvent.objects.create(
        action="plugin.thing", target_type="x", target_id="1", summary="Did a thing"
    )
    old = AuditEvent.objects.create(
        action="entry.submit", target_type="submissions.entry", target_id=str(entry.pk),
        summary="FSA-2026-IDEA-0001 v1", data={},
    )  # fmt: skip

    assert (audit_event_label(unknown), audit_event_details(unknown)) == (
        "plugin.thing",
        "Did a thing",
    )
    assert (audit_event_label(old), audit_event_details(old)) == (
        "Entry submitted",
        "FSA-2026-IDEA-0001 v1",
    )


def test_the_swedish_audit_page_shows_no_raw_action_or_field_names(client):
    entry = EntryFactory(title="", pitch="")
    _edit_event(entry)
    client.force_login(organiser("view_entry", award=entry.category.edition.award))

    page = client.get(
        "/sv" + reverse("submissions:organiser-audit-list", args=[entry.category.edition.pk])
    ).content.decode()

    assert "Bidraget ändrat" in page
    assert "Titel, Kort presentation" in page
    assert "entry.edit" not in page
    assert ">title<" not in page
