"""PDFs shown inside the jury's review page: same-origin, framable only by our pages."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, UserFactory
from tests.judging.builders import assign, conflict, file_question, judged_round, submitted_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged_pdf():
    category = CategoryFactory()
    round = judged_round(category=category, blind=True)
    question = file_question(category=category)
    entry = submitted_entry(category=category, files=[(question, "Sally Sow business plan.pdf")])
    judge = UserFactory()
    assign(round=round, judge=judge, entry=entry)
    return entry, entry.attachments.get(), judge


def test_assigned_judge_sees_the_pdf_inline_under_a_neutral_name(client, judged_pdf):
    entry, attachment, judge = judged_pdf
    client.force_login(judge)

    response = client.get(reverse("submissions:attachment-view", args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="attachment-{attachment.pk}.pdf"'
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_review_page_frames_the_pdf(client, judged_pdf):
    entry, attachment, judge = judged_pdf
    client.force_login(judge)
    assignment = judge.assignments.get()

    page = client.get(reverse("judging:review-edit", args=[assignment.pk])).content.decode()

    assert f'<iframe src="{reverse("submissions:attachment-view", args=[attachment.pk])}"' in page
    assert "business plan" not in page


def test_conflicted_judge_and_strangers_get_404(client, judged_pdf):
    entry, attachment, judge = judged_pdf
    conflict(judge=judge, entry=entry)
    url = reverse("submissions:attachment-view", args=[attachment.pk])

    client.force_login(judge)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
