"""Review, submit and confirmation pages."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from submissions.enums import EntryStatus
from submissions.models import EntryVersion
from submissions.services.entries import entry_submit
from tests.factories import AnswerFactory, QuestionFactory
from tests.submissions.samples import entry_form_data, entry_url, query_count

pytestmark = pytest.mark.django_db


def test_entry_review_lists_missing_answers_as_links(owner_client, category, entry):
    question = QuestionFactory(category=category, label_en="Team size", required=True)

    response = owner_client.get(entry_url("entry-review", entry))

    link = f'href="{entry.get_absolute_url()}?check=1#question-{question.pk}">Team size</a>'
    assert response.status_code == 200
    assert link in response.content.decode()
    assert response.context["can_submit"] is False


def test_entry_review_of_complete_entry_offers_submit(owner_client, entry):
    response = owner_client.get(entry_url("entry-review", entry))

    assert response.context["can_submit"] is True
    assert entry_url("entry-submit", entry) in response.content.decode()


def test_entry_review_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.get(entry_url("entry-review", entry)).status_code == 404


def test_entry_review_query_count_does_not_grow_with_answers(owner_client, category, entry):
    def add_questions(count):
        for _ in range(count):
            AnswerFactory(entry=entry, question=QuestionFactory(category=category))

    add_questions(2)
    few = query_count(owner_client, entry_url("entry-review", entry))
    add_questions(8)

    many = query_count(owner_client, entry_url("entry-review", entry))

    assert many == few


def test_entry_submit_redirects_to_confirmation_with_reference(
    owner_client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            entry_url("entry-submit", entry), {"revision": entry.revision}, follow=True
        )

    content = response.content.decode()
    assert response.redirect_chain == [(entry_url("entry-confirmation", entry), 302)]
    assert "FSA-2026-IDEA-0001" in content
    assert len(mail.outbox) == 1


def test_entry_submit_twice_yields_one_version(owner_client, entry):
    owner_client.post(entry_url("entry-submit", entry), {"revision": entry.revision})

    owner_client.post(entry_url("entry-submit", entry), {"revision": entry.revision})

    assert EntryVersion.objects.filter(entry=entry).count() == 1


def test_entry_submit_needs_post(owner_client, entry):
    assert owner_client.get(entry_url("entry-submit", entry)).status_code == 405


def test_entry_submit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    response = client.post(entry_url("entry-submit", entry))

    assert response.status_code == 404
    assert entry.versions.count() == 0


def test_entry_submit_after_deadline_shows_clear_message_and_keeps_draft(owner_client, entry):
    entry.category.call_closes_at = timezone.now() - dt.timedelta(seconds=1)
    entry.category.save()

    response = owner_client.post(entry_url("entry-submit", entry), follow=True)

    entry.refresh_from_db()
    assert "has passed, so the entry cannot be submitted" in response.content.decode()
    assert (entry.status, entry.title) == (EntryStatus.DRAFT, "Turn UP")


def test_entry_confirmation_of_draft_redirects_to_review(owner_client, entry):
    response = owner_client.get(entry_url("entry-confirmation", entry))

    assert response["Location"] == entry_url("entry-review", entry)


def test_submitted_entry_edited_before_deadline_offers_new_version(owner_client, entry):
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    owner_client.post(
        entry_url("entry-autosave", entry), entry_form_data(entry, title="Turn UP, again")
    )

    review = owner_client.get(entry_url("entry-review", entry))
    owner_client.post(
        entry_url("entry-submit", entry), {"revision": review.context["entry"].revision}
    )

    assert review.context["can_submit"] is True
    assert list(entry.versions.values_list("number", flat=True)) == [2, 1]
