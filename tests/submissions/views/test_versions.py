"""Submitted versions' pages."""

import pytest
from django.urls import reverse

from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_submit
from submissions.services.moves import entry_move
from tests.factories import AnswerFactory, EntryFactory, QuestionFactory
from tests.submissions.samples import PDF, entry_url, upload

pytestmark = pytest.mark.django_db


def test_version_list_and_detail_show_submitted_versions(owner_client, entry):
    entry_submit(entry=entry, user=entry.owner)

    listing = owner_client.get(entry_url("version-list", entry))
    detail = owner_client.get(entry_url("version-detail", entry, number=1))

    assert [v.number for v in listing.context["versions"]] == [1]
    assert "Turn UP" in detail.content.decode()


def test_version_detail_of_other_entry_or_unknown_number_is_404(client, entry, user):
    entry_submit(entry=entry, user=entry.owner)
    own = EntryFactory(owner=user)
    client.force_login(user)

    assert client.get(entry_url("version-detail", entry, number=1)).status_code == 404
    assert client.get(entry_url("version-detail", own, number=1)).status_code == 404


def test_a_version_submitted_before_a_move_shows_its_own_categorys_questions(
    client, entry, idea, tech
):
    asked = QuestionFactory(category=idea, label_en="Who comes to the concerts?")
    plan = QuestionFactory(category=idea, kind="file", label_en="Business plan")
    QuestionFactory(category=tech, label_en="Which technology?")
    AnswerFactory(entry=entry, question=asked, value="Everyone nearby")
    attachment_add(
        entry=entry, question=plan, uploaded_file=upload("plan.pdf", PDF), user=entry.owner
    )
    entry_submit(entry=entry, user=entry.owner)
    entry_move(entry=entry, category=tech, user=entry.owner)
    client.force_login(entry.owner)

    page = client.get(reverse("submissions:version-detail", args=[entry.pk, 1])).content.decode()

    assert "Who comes to the concerts?" in page and "Everyone nearby" in page
    assert "Business plan" in page and "plan.pdf" in page
    assert "Which technology?" not in page
