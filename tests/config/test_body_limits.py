"""Bodies over the target form's limit are refused before they are read."""

import pytest
from django.urls import reverse

from submissions.models import Attachment
from tests.factories import EntryFactory
from tests.submissions.samples import PDF, file_question, upload

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
TWO_GIB = str(2 * 1024**3)


def _upload_url(entry, question, prefix=""):
    return prefix + reverse("submissions:attachment-upload", args=[entry.pk, question.pk])


def test_a_declared_length_over_the_questions_limit_is_413_with_the_forms_message(client):
    entry = EntryFactory()
    question = file_question(entry, max_file_size_mb=1)
    client.force_login(entry.owner)

    response = client.post(
        _upload_url(entry, question),
        {"file": upload("big.pdf", PDF)},
        CONTENT_LENGTH=TWO_GIB,
        **XHR,
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Connection"] == "close"
    assert response.text == "This file is larger than the limit of 1 MB for this question."
    assert Attachment.objects.count() == 0


def test_without_javascript_the_413_is_a_page_in_the_readers_language(client):
    entry = EntryFactory()
    question = file_question(entry, max_file_size_mb=1)

    response = client.post(
        "/sv" + _upload_url(entry, question),
        {"file": upload("big.pdf", PDF)},
        CONTENT_LENGTH=TWO_GIB,
    )

    assert response.status_code == 413
    assert '<html lang="sv">' in response.text
    assert "Filen är större än gränsen på 1 MB för den här frågan." in response.text


def test_a_body_within_the_limit_plus_the_form_goes_through(client):
    entry = EntryFactory()
    question = file_question(entry, max_file_size_mb=1)
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, question), {"file": upload("plan.pdf", PDF)}, **XHR)

    assert response.status_code == 200
    assert Attachment.objects.count() == 1


def test_any_other_route_takes_at_most_the_general_limit(client, settings):
    settings.MAX_REQUEST_BODY_MB = 20

    response = client.post(
        "/accounts/login/", {"login": "x"}, CONTENT_LENGTH=str(21 * 1024 * 1024), **XHR
    )

    assert response.status_code == 413
    assert response.text == "This request is larger than the limit of 20 MB."
