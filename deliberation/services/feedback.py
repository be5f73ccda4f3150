"""The chair's part in entrants' feedback: what each round's letter says, and moderating each
judge's comment for the entrant before the results release it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from deliberation.enums import CommentStatus, FeedbackKind
from deliberation.models import FeedbackComment, FeedbackPolicy
from judging.enums import ReviewStatus
from judging.models import Review, Round


@transaction.atomic
def feedback_policy_set(*, round: Round, kind: str, by) -> FeedbackPolicy:
    """Choose what the round's feedback letters say. Writes `feedback.policy`."""
    if kind not in FeedbackKind.values:
        raise ValidationError(_("Choose one of the kinds of feedback."), code="kind")
    policy, _created = FeedbackPolicy.objects.select_for_update().get_or_create(
        round=round, defaults={"kind": kind, "updated_by": by}
    )
    policy.kind, policy.updated_by = kind, by
    policy.save(update_fields=["kind", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="feedback.policy",
        target=round,
        summary=f"feedback {kind}",
        data={"round": round.pk, "kind": kind},
        edition=round.category.edition,
    )
    return policy


def _moderate(*, review: Review, status: str, text: str, by) -> FeedbackComment:
    comment, _created = FeedbackComment.objects.update_or_create(
        review=review, defaults={"status": status, "text": text, "moderated_by": by}
    )
    entry = review.assignment.entry
    audit_record(
        actor=by,
        action="feedback.moderate",
        target=entry,
        summary=f"feedback comment {status}",
        data={
            "review": review.pk,
            "entry": entry.pk,
            "reference": entry.reference,
            "status": status,
            "edited": text != review.feedback,
        },
        edition=review.assignment.round.category.edition,
    )
    return comment


@transaction.atomic
def feedback_comment_moderate(
    *, review: Review, release: bool, text: str | None = None, by
) -> FeedbackComment:
    """Release a judge's comment for the entrant (as written, or as the chair edited it) or hold
    it back. Writes `feedback.moderate` (whether the text was edited, not the text)."""
    review = (
        Review.objects.select_for_update().select_related("assignment__entry").get(pk=review.pk)
    )
    if review.status != ReviewStatus.SUBMITTED or not review.feedback.strip():
        raise ValidationError(_("There is no submitted comment to moderate."), code="empty")
    if text is None or (not release and not text.strip()):
        text = review.feedback  # a comment held back keeps what the judge wrote
    text = text.strip()
    if release and not text:
        raise ValidationError(
            _("Write the text to release, or hold the comment back."), code="text"
        )
    status = CommentStatus.RELEASED if release else CommentStatus.HELD_BACK
    return _moderate(review=review, status=status, text=text, by=by)


@transaction.atomic
def feedback_comments_release_rest(*, reviews, by) -> int:
    """Release, as written, every comment among `reviews` the chair has not moderated yet.
    Returns how many."""
    pending = [
        review
        for review in reviews
        if review.feedback.strip() and not FeedbackComment.objects.filter(review=review).exists()
    ]
    for review in pending:
        _moderate(review=review, status=CommentStatus.RELEASED, text=review.feedback.strip(), by=by)
    return len(pending)
