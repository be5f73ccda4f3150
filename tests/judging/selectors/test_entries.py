"""Blind rounds: no entrant name, team, organisation, email or file name on any judge-facing
page or download; conflicted judges reach none of an entry's judge-facing URLs."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from judging.enums import JuryRole, ReviewStatus, RoundStatus, Visibility
from judging.models import Review
from tests.factories import JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, conflict, file_question, judged_round, submitted_entry

pytestmark = pytest.mark.django_db

FILE_NAME = "sally-sow-business-plan.pdf"


def blind_setup(*, blind=True):
    round = judged_round(blind=blind, visibility=Visibility.AFTER_OWN_REVIEW)
    question = file_question(category=round.category)
    owner = UserFactory(
        display_name="Sally Sow", email="sally@turnup.example", organisation="Turn UP AB"
    )
    entry = submitted_entry(category=round.category, owner=owner, files=[(question, FILE_NAME)])
    return assign(round=round, entry=entry)


def identity_strings(assignment):
    owner = assignment.entry.owner
    return [owner.display_name, owner.email, "Flemingsberg Lab", "Turn UP AB", FILE_NAME]


def test_blind_review_page_shows_no_identity_and_neutral_attachment_names(client):
    assignment = blind_setup()
    client.force_login(assignment.judge)

    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))

    body = response.content.decode()
    assert [s for s in identity_strings(assignment) if s in body] == []
    attachment = assignment.entry.attachments.get()
    download = reverse(
        "judging:review-file-download",
        kwargs={"assignment_id": assignment.pk, "attachment_id": attachment.pk},
    )
    assert f'href="{download}"' in body
    assert "Attachment 1 (PDF)" in body


def test_blind_dashboard_and_chair_progress_show_no_identity(client):
    assignment = blind_setup()
    chair = JuryMemberFactory(category=assignment.round.category, role=JuryRole.CHAIR).user
    pages = [
        (assignment.judge, reverse("judging:dashboard")),
        (chair, reverse("judging:round-progress", kwargs={"round_id": assignment.round_id})),
    ]

    for user, url in pages:
        client.force_login(user)
        body = client.get(url).content.decode()
        assert [s for s in identity_strings(assignment) if s in body] == [], url


def test_blind_attachment_download_has_a_neutral_file_name(client):
    assignment = blind_setup()
    attachment = assignment.entry.attachments.get()
    client.force_login(assignment.judge)

    response = client.get(
        reverse(
            "judging:review-file-download",
            kwargs={"assignment_id": assignment.pk, "attachment_id": attachment.pk},
        )
    )

    disposition = _served_disposition(response)
    assert disposition.startswith("attachment")
    assert FILE_NAME not in disposition
    assert "sally" not in disposition.lower()


def _served_disposition(response) -> str:
    """Where the file name travels: our own header, or the signed S3 URL telling S3 what to send."""
    if response.status_code == 302:
        return parse_qs(urlsplit(response.url).query)["response-content-disposition"][0]
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_open_round_review_page_shows_organisation_team_and_file_name(client):
    assignment = blind_setup(blind=False)
    client.force_login(assignment.judge)

    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))

    body = response.content.decode()
    assert "Flemingsberg Lab" in body
    assert "Sally Sow" in body
    assert FILE_NAME in body


def test_blind_other_judges_are_labelled_not_named(client):
    assignment = blind_setup()
    ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED)
    other_judge = UserFactory(display_name="Visible Name")
    other = assign(round=assignment.round, judge=other_judge, entry=assignment.entry)
    ReviewFactory(assignment=other, status=ReviewStatus.SUBMITTED, comment="Fine")
    client.force_login(assignment.judge)

    body = client.get(
        reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})
    ).content.decode()

    assert "Judge A" in body
    assert "Visible Name" not in body


def judge_urls(assignment):
    attachment = assignment.entry.attachments.get()
    return [
        ("get", reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})),
        ("post", reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})),
        ("post", reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk})),
        ("post", reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})),
        (
            "get",
            reverse(
                "judging:review-file-download",
                kwargs={"assignment_id": assignment.pk, "attachment_id": attachment.pk},
            ),
        ),
    ]


def test_conflicted_judge_gets_404_on_every_judge_facing_url(client):
    assignment = blind_setup()
    ReviewFactory(assignment=assignment)
    conflict(judge=assignment.judge, entry=assignment.entry)
    client.force_login(assignment.judge)

    statuses = [getattr(client, method)(url).status_code for method, url in judge_urls(assignment)]

    assert statuses == [404, 404, 404, 404, 404]
    assert "Turn UP" not in client.get(reverse("judging:dashboard")).content.decode()


def test_conflicted_chair_cannot_reopen_or_read_the_entrys_reviews(client):
    assignment = blind_setup()
    ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED, comment="Secret")
    chair = JuryMemberFactory(category=assignment.round.category, role=JuryRole.CHAIR).user
    conflict(judge=chair, entry=assignment.entry)
    client.force_login(chair)

    reopen = client.post(reverse("judging:review-reopen", kwargs={"assignment_id": assignment.pk}))
    progress = client.get(
        reverse("judging:round-progress", kwargs={"round_id": assignment.round_id})
    )

    assert reopen.status_code == 404
    assert Review.objects.get(assignment=assignment).status == ReviewStatus.SUBMITTED
    assert "You have a conflict of interest with this entry." in progress.content.decode()
    assert "Turn UP" not in progress.content.decode()
    assert reverse("judging:review-reopen", kwargs={"assignment_id": assignment.pk}) not in (
        progress.content.decode()
    )


def test_judge_of_another_round_cannot_open_a_review_by_guessing_ids(client):
    assignment = blind_setup()
    round_closed = judged_round(status=RoundStatus.CLOSED)
    intruder = assign(round=round_closed).judge
    client.force_login(intruder)

    statuses = [
        getattr(client, method)(url).status_code for method, url in judge_urls(assignment)[:4]
    ]

    assert statuses == [404, 404, 404, 404]
    assert Review.objects.filter(assignment=assignment).count() == 0
