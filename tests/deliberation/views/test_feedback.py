import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from deliberation.enums import CommentStatus, FeedbackKind
from deliberation.models import FeedbackComment, FeedbackPolicy
from judging.enums import JuryRole
from judging.services.outcomes import edition_results_notify
from tests.deliberation.feedback_builders import scored_round
from tests.factories import JuryMemberFactory
from tests.judging.builders import conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored():
    scored = scored_round()
    scored.chair = JuryMemberFactory(category=scored.round.category, role=JuryRole.CHAIR).user
    return scored


def moderation_url(scored):
    return reverse("deliberation:feedback-moderation", kwargs={"round_id": scored.round.pk})


def test_chair_chooses_the_kind_and_moderates_comments(client, scored):
    client.force_login(scored.chair, mfa=True)
    first, second = scored.reviews

    page = client.get(moderation_url(scored)).content.decode()
    chosen = client.post(moderation_url(scored), {"kind": FeedbackKind.BANDS})
    released = client.post(
        reverse(
            "deliberation:feedback-comment-moderate",
            kwargs={"round_id": scored.round.pk, "review_id": first.pk},
        ),
        {"action": "release", "text": "Edited by the chair."},
    )
    held = client.post(
        reverse(
            "deliberation:feedback-comment-moderate",
            kwargs={"round_id": scored.round.pk, "review_id": second.pk},
        ),
        {"action": "hold", "text": ""},
    )

    assert "Feedback by Ada Judge" in page
    assert (chosen.status_code, released.status_code, held.status_code) == (302, 302, 302)
    assert FeedbackPolicy.objects.get().kind == FeedbackKind.BANDS
    assert sorted(FeedbackComment.objects.values_list("status", "text")) == [
        (CommentStatus.HELD_BACK, "Feedback by Bo Judge"),
        (CommentStatus.RELEASED, "Edited by the chair."),
    ]
    assert AuditEvent.objects.filter(action__startswith="feedback.").count() == 3


def test_release_the_rest_as_written(client, scored):
    client.force_login(scored.chair, mfa=True)

    response = client.post(
        reverse("deliberation:feedback-release-rest", kwargs={"round_id": scored.round.pk})
    )

    assert response.status_code == 302
    assert FeedbackComment.objects.filter(status=CommentStatus.RELEASED).count() == 2


def test_conflicted_chair_cannot_moderate_that_entry(client, scored):
    conflict(judge=scored.chair, entry=scored.entry)
    client.force_login(scored.chair, mfa=True)

    page = client.get(moderation_url(scored)).content.decode()
    response = client.post(
        reverse(
            "deliberation:feedback-comment-moderate",
            kwargs={"round_id": scored.round.pk, "review_id": scored.reviews[0].pk},
        ),
        {"action": "release", "text": "x"},
    )

    assert "Feedback by" not in page
    assert response.status_code == 404
    assert FeedbackComment.objects.count() == 0


def test_judge_cannot_open_moderation(client, scored):
    client.force_login(scored.reviews[0].assignment.judge, mfa=True)

    assert client.get(moderation_url(scored)).status_code == 404


def _release_all(scored):
    from deliberation.services.feedback import feedback_comments_release_rest, feedback_policy_set

    feedback_policy_set(round=scored.round, kind=FeedbackKind.SCORES, by=scored.chair)
    feedback_comments_release_rest(reviews=scored.reviews, by=scored.chair)


def test_entrant_reads_feedback_on_the_entry_page_only_after_publication(client, scored):
    _release_all(scored)
    client.force_login(scored.entrant)
    url = reverse("submissions:entry-review", kwargs={"pk": scored.entry.pk})

    before = client.get(url).content.decode()
    edition = scored.entry.category.edition
    edition.results_publish_at = timezone.now() - dt.timedelta(minutes=1)
    edition.save()
    after = client.get(url).content.decode()

    assert "Feedback from the jury" not in before and "Feedback by Ada Judge" not in before
    assert "Feedback from the jury" in after
    assert "Feedback by Ada Judge" in after and "5.0 on a scale of 1 to 5" in after


def test_outcome_email_carries_the_letter_in_the_entrants_language(
    scored, django_capture_on_commit_callbacks
):
    _release_all(scored)
    scored.entrant.language = "sv"
    scored.entrant.save()
    edition = scored.entry.category.edition
    edition.results_publish_at = timezone.now() - dt.timedelta(minutes=1)
    edition.save()

    with django_capture_on_commit_callbacks(execute=True):
        edition_results_notify(edition=edition)

    body = next(m.body for m in mail.outbox if m.to == [scored.entrant.email])
    assert "Återkoppling från juryn" in body
    assert "5,0 på en skala från 1 till 5" in body
    assert "Feedback by Bo Judge" in body
    assert "Bo Judge\n" not in body
