"""Reviews: drafts saved as the judge types, submission that locks, reopening by the chair.

Rules about time: a judge may change a review while the round is open (`opens_at` <= now <
`closes_at`, status open) and the review is not submitted. When the chair reopens a review, its
judge may change it again even after `closes_at`, until the chair closes the round: reopening is
the chair's explicit grant of more time. Once the round is closed nothing changes.
"""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.mail import email_users_render_and_enqueue
from audit.services import audit_record
from judging.access import is_conflicted, may_manage_round, may_review
from judging.enums import ReviewStatus, RoundMode, RoundStatus
from judging.models import Assignment, Review, Round, Score
from judging.review_gates import review_gate_reason
from judging.review_windows import review_window_open
from judging.scores import scores_clean, weighted_score


def review_for_assignment(*, assignment: Assignment) -> Review:
    """The assignment's review, created empty on first open."""
    review, _created = Review.objects.get_or_create(assignment=assignment)
    return review


def review_lock_reason(*, review: Review, round: Round, now=None) -> str | None:
    """Why the judge cannot change the review now, or None when they can."""
    now = now or timezone.now()
    # Windows (a second look) only reopen rounds that are over; asking only then keeps pages
    # that list many assignments from asking once per row.
    round_over = round.status == RoundStatus.CLOSED or now >= round.closes_at
    if (
        round_over
        and review.status != ReviewStatus.SUBMITTED
        and review_window_open(assignment=review.assignment, now=now)
    ):
        return None
    if round.status == RoundStatus.CLOSED:
        return _("The round is closed: reviews can no longer be changed.")
    if review.status == ReviewStatus.SUBMITTED:
        return _(
            "This review is submitted and locked. Ask the chair to reopen it if you need to "
            "change it."
        )
    if review.reopened_at is not None:
        return None
    gate = review_gate_reason(assignment=review.assignment, round=round, now=now)
    if gate:
        return gate
    if now < round.opens_at:
        return _("The round opens on %(date)s.") % {
            "date": date_format(timezone.localtime(round.opens_at), "DATETIME_FORMAT")
        }
    if now >= round.closes_at:
        return _(
            "The round's deadline has passed: reviews can no longer be changed. Ask the chair "
            "to reopen your review if you need more time."
        )
    return None


def _review_locked_for_write(*, assignment: Assignment, user) -> Review:
    if not may_review(user=user, assignment=assignment):
        raise PermissionDenied
    review_for_assignment(assignment=assignment)
    # Lock the review row so two tabs (or a double click) are serialised; the version check
    # below then refuses the second one.
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("assignment__round__category__edition")
        .get(assignment=assignment)
    )


def _review_write(
    *,
    review: Review,
    scores: Mapping,
    comment: str,
    feedback: str,
    version: int,
    complete: bool,
    now,
) -> dict:
    """Shared by draft and submit: refuse a locked or stale review or bad scores; write."""
    round = review.assignment.round
    if round.mode != RoundMode.RUBRIC:
        # Screening, ranking and pairwise rounds are done on their own pages (services/ballots.py).
        raise ValidationError(_("This round is not judged by rubric scores."), code="locked")
    reason = review_lock_reason(review=review, round=round, now=now)
    if reason:
        code = "submitted" if review.status == ReviewStatus.SUBMITTED else "locked"
        raise ValidationError(reason, code=code)
    if version != review.version:
        raise ValidationError(
            _(
                "This review was saved in another tab or window after you opened it, so this "
                "copy was not saved. Your text is still on this page: copy what you need, then "
                "reload the page to see the saved version."
            ),
            code="stale",
        )
    criteria = list(round.criteria.all())
    values, errors = scores_clean(criteria=criteria, raw=scores, complete=complete)
    if errors:
        raise ValidationError(
            {
                ("__all__" if key == 0 else f"score_{key}"): ValidationError(message, code="score")
                for key, message in errors.items()
            }
        )
    existing = {score.criterion_id: score for score in review.scores.all()}
    blank = [cid for cid, value in values.items() if value is None and cid in existing]
    Score.objects.filter(review=review, criterion_id__in=blank).delete()
    changed = []
    for cid, value in values.items():
        if value is None:
            continue
        if cid in existing:
            if existing[cid].value != value:
                existing[cid].value = value
                changed.append(existing[cid])
        else:
            Score.objects.create(review=review, criterion_id=cid, value=value)
    Score.objects.bulk_update(changed, ["value"])
    review.comment = comment
    review.feedback = feedback
    review.version += 1
    return {
        "weighted": weighted_score((c.weight, values[c.id]) for c in criteria),
        "scores": {str(cid): str(v) for cid, v in values.items() if v is not None},
    }


@transaction.atomic
def review_save_draft(
    *,
    assignment: Assignment,
    user,
    scores: Mapping,
    comment: str,
    feedback: str,
    version: int,
    now=None,
) -> Review:
    """Save what the judge has so far. Blank scores are allowed; a score outside the scale is not.

    Raises ValidationError: code "stale" when `version` is not the saved one (another tab saved
    first; nothing is written), "locked"/"submitted" when the judge may not change the review,
    or per-field errors ("score_<criterion id>") for bad scores. Bumps `review.version`.
    No email, no audit event (drafts are not audited).
    """
    review = _review_locked_for_write(assignment=assignment, user=user)
    _review_write(
        review=review,
        scores=scores,
        comment=comment,
        feedback=feedback,
        version=version,
        complete=False,
        now=now or timezone.now(),
    )
    review.save()
    return review


@transaction.atomic
def review_submit(
    *,
    assignment: Assignment,
    user,
    scores: Mapping,
    comment: str,
    feedback: str,
    version: int,
    now=None,
) -> Review:
    """Save and submit the review: every required criterion needs a score on its scale.

    Raises ValidationError like `review_save_draft` (a second submit of a submitted review gets
    code "submitted"). Locks the review (status submitted, `submitted_at`), bumps its version and
    writes an audit event "review.submit" with the scores and weighted score.
    """
    now = now or timezone.now()
    review = _review_locked_for_write(assignment=assignment, user=user)
    written = _review_write(
        review=review,
        scores=scores,
        comment=comment,
        feedback=feedback,
        version=version,
        complete=True,
        now=now,
    )
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = now
    review.save()
    round = review.assignment.round
    audit_record(
        actor=user,
        action="review.submit",
        target=review,
        summary=f"Review of entry {assignment.entry_id} in {round} submitted",
        data={
            "round": round.pk,
            "entry": assignment.entry_id,
            "reference": assignment.entry.reference,
            "version": review.version,
            "scores": written["scores"],
            "weighted": str(written["weighted"]) if written["weighted"] is not None else None,
        },
        edition=round.category.edition,
    )
    return review


def _reopened_notify(*, assignment) -> None:
    judge, round = assignment.judge, assignment.round

    def context() -> dict:
        path = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})
        return {"judge": judge, "round": round, "review_url": settings.SITE_URL + path}

    email_users_render_and_enqueue(
        template="review_reopened", users=[judge], context=context, related=assignment
    )


@transaction.atomic
def review_reopen(*, review: Review, by, now=None) -> Review:
    """The chair (or an organiser) unlocks a review so its judge can change it again, also
    after the round's deadline, until the round is closed.

    Works on a submitted review, and on an unsubmitted one once the deadline has passed (to give
    a late judge more time). Raises PermissionDenied unless `by` may manage the round and has no
    conflict with the entry; ValidationError when the round is closed or there is nothing to
    reopen. Bumps the version (a tab still open on the old copy cannot overwrite), writes an
    audit event "review.reopen" and queues an email to the judge.
    """
    now = now or timezone.now()
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("assignment__round__category__edition", "assignment__judge")
        .get(pk=review.pk)
    )
    assignment = review.assignment
    round = assignment.round
    if not may_manage_round(user=by, round=round) or is_conflicted(
        judge=by, entry=assignment.entry_id
    ):
        raise PermissionDenied
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(
            _("The round is closed: reviews can no longer be reopened."), code="closed"
        )
    if review.status != ReviewStatus.SUBMITTED and (
        now < round.closes_at or review.reopened_at is not None
    ):
        raise ValidationError(
            _("This review is not submitted and its judge can still change it."),
            code="not_submitted",
        )
    review.status = ReviewStatus.DRAFT
    review.submitted_at = None
    review.reopened_at = now
    review.version += 1
    review.save()
    audit_record(
        actor=by,
        action="review.reopen",
        target=review,
        summary=f"Review of entry {assignment.entry_id} in {round} reopened",
        data={
            "round": round.pk,
            "entry": assignment.entry_id,
            "reference": assignment.entry.reference,
            "judge": assignment.judge_id,
        },
        edition=round.category.edition,
    )
    _reopened_notify(assignment=assignment)
    return review
