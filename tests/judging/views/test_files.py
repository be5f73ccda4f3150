"""Files for the jury (judging/views/files.py): reached through the judge's assignment, shown in a
sandbox, and in a blind round as a copy without metadata under a neutral name."""

import io

import pikepdf
import pytest
import requests
from django.urls import reverse

from submissions.models import Attachment
from tests.factories import CategoryFactory, UserFactory
from tests.judging.builders import assign, conflict, file_question, judged_round, submitted_entry
from tests.pdfs import plain_pdf

pytestmark = pytest.mark.django_db
AUTHOR = "Sally Sow"


def _judged_pdf(*, blind=True):
    category = CategoryFactory()
    round = judged_round(category=category, blind=blind)
    question = file_question(category=category)
    entry = submitted_entry(
        category=category,
        files=[(question, "Sally Sow business plan.pdf", plain_pdf(author=AUTHOR))],
    )
    assignment = assign(round=round, judge=UserFactory(), entry=entry)
    return assignment, entry.attachments.get()


def _url(name, assignment, attachment):
    return reverse(name, kwargs={"assignment_id": assignment.pk, "attachment_id": attachment.pk})


def _fetched(response):
    """On S3 a download is a redirect to a short-lived signed URL: what the browser gets there."""
    return requests.get(response.url, timeout=10) if response.status_code == 302 else None


def _body(response) -> bytes:
    fetched = _fetched(response)
    return fetched.content if fetched is not None else b"".join(response.streaming_content)


def _disposition(response) -> str:
    fetched = _fetched(response)
    return (fetched.headers if fetched is not None else response)["Content-Disposition"]


def test_assigned_judge_sees_the_pdf_inline_in_a_sandbox_under_a_neutral_name(client):
    assignment, attachment = _judged_pdf()
    client.force_login(assignment.judge)

    response = client.get(_url("judging:review-file-view", assignment, attachment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="attachment-{attachment.pk}.pdf"'
    assert response["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; frame-ancestors 'self'"
    )
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response).startswith(b"%PDF-")


def test_review_page_frames_the_pdf_through_the_assignment(client):
    assignment, attachment = _judged_pdf()
    client.force_login(assignment.judge)

    page = client.get(reverse("judging:review-edit", args=[assignment.pk])).content.decode()

    view_url = _url("judging:review-file-view", assignment, attachment)
    assert f'<iframe src="{view_url}"' in page
    assert "business plan" not in page


def test_blind_judge_gets_a_copy_without_author_metadata_made_once(client):
    assignment, attachment = _judged_pdf()
    client.force_login(assignment.judge)

    first = _body(client.get(_url("judging:review-file-download", assignment, attachment)))
    second = _body(client.get(_url("judging:review-file-view", assignment, attachment)))

    stored = Attachment.objects.get(pk=attachment.pk)
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert (dict(pdf.docinfo), "/Metadata" in pdf.Root, len(pdf.pages)) == ({}, False, 1)
    assert AUTHOR.encode() not in first
    assert first == second
    assert stored.anonymous_file.name == f"{stored.file.name}-anonymous"
    with stored.file.open("rb") as original:
        assert AUTHOR.encode() in original.read()


def test_judge_in_an_open_round_gets_the_original_under_its_name(client):
    assignment, attachment = _judged_pdf(blind=False)
    client.force_login(assignment.judge)

    response = client.get(_url("judging:review-file-download", assignment, attachment))

    assert _disposition(response) == 'attachment; filename="Sally Sow business plan.pdf"'
    assert AUTHOR.encode() in _body(response)


def test_conflicted_judge_other_judges_and_strangers_get_404(client):
    assignment, attachment = _judged_pdf()
    other = assign(round=assignment.round, judge=UserFactory())
    urls = [
        _url("judging:review-file-view", assignment, attachment),
        _url("judging:review-file-download", assignment, attachment),
        # Another entry's file through one's own assignment:
        _url("judging:review-file-download", other, attachment),
    ]

    statuses = []
    for user in (other.judge, UserFactory()):
        client.force_login(user)
        statuses += [client.get(url).status_code for url in urls[:2]]
    client.force_login(other.judge)
    statuses.append(client.get(urls[2]).status_code)
    conflict(judge=assignment.judge, entry=assignment.entry)
    client.force_login(assignment.judge)
    statuses.append(client.get(urls[1]).status_code)

    assert statuses == [404] * 6
