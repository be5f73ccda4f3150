"""What judges give in screening, ranking and pairwise rounds.

Every write goes through the judge's assignment and its review, as rubric scoring does: only
the assigned, seated, unconflicted judge may write (`may_review`), only while the review may be
changed (`review_lock_reason`: round open and not past its deadline, or reopened by the chair),
and a judge is "done" with an entry when its review is submitted - so the progress page,
reminders and reopening work unchanged in every mode.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from judging.access import assignments_for_judge, may_review
from judging.enums import ReviewStatus, RoundMode, ScreeningAnswer
from judging.models import Assignment, RankPlace, Review, Round, ScreeningVote
from judging.services.reviews import review_for_assignment, review_lock_reason

MAX_REASON = 2000


def judge_assignments(*, round: Round, judge) -> list[Assignment]:
    """The judge's assignments in the round that they may see (seated, not conflicted)."""
    return list(
        assignments_for_judge(judge=judge)
        .filter(round=round)
        .order_by("entry__reference", "entry_id")
    )


def ballot_review_lock(*, assignment: Assignment, user, mode: str, now) -> Review:
    """The assignment's review, locked for writing; refuses what `_review_write` refuses."""
    if assignment.round.mode != mode or not may_review(user=user, assignment=assignment):
        raise PermissionDenied
    review_for_assignment(assignment=assignment)
    review = Review.objects.select_for_update(of=("self",)).get(assignment=assignment)
    reason = review_lock_reason(review=review, round=assignment.round, now=now)
    if reason:
        code = "submitted" if review.status == ReviewStatus.SUBMITTED else "locked"
        raise ValidationError(reason, code=code)
    return review


def ballot_reviews_submit(*, reviews: list[Review], now) -> None:
    for review in reviews:
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = now
        review.version += 1
        review.save(update_fields=["status", "submitted_at", "version", "updated_at"])


def ballot_submit_audit(*, round: Round, user, action: str, data: dict) -> None:
    audit_record(
        actor=user,
        action=action,
        target=round,
        summary=f"{action} in {round} by judge {user.pk}",
        data={"round": round.pk, **data},
        edition=round.category.edition,
    )


@transaction.atomic
def screening_answer_save(
    *, assignment: Assignment, user, answer: str, reason: str = "", now=None
) -> ScreeningVote:
    """Save (or change) the judge's yes / no / maybe and optional reason for one entry.

    Raises PermissionDenied for someone else's or a conflicted assignment or a round in another
    mode; ValidationError "answer" for an unknown answer, "locked"/"submitted" when it may no
    longer change. No audit event (like a draft); `screening_submit` records the answers.
    """
    now = now or timezone.now()
    review = ballot_review_lock(assignment=assignment, user=user, mode=RoundMode.SCREENING, now=now)
    if answer not in ScreeningAnswer.values:
        raise ValidationError(_("Choose yes, no or maybe."), code="answer")
    reason = (reason or "").strip()[:MAX_REASON]
    vote, _created = ScreeningVote.objects.update_or_create(
        assignment=assignment, defaults={"answer": answer, "reason": reason}
    )
    review.version += 1
    review.save(update_fields=["version", "updated_at"])
    return vote


@transaction.atomic
def screening_submit(*, round: Round, user, now=None) -> int:
    """Submit the judge's screening answers: every assigned entry needs one. Locks them (the
    reviews are submitted) and writes the audit event "screening.submit" with the answers.
    Returns how many were submitted."""
    now = now or timezone.now()
    assignments = judge_assignments(round=round, judge=user)
    reviews = [
        ballot_review_lock(assignment=a, user=user, mode=RoundMode.SCREENING, now=now)
        for a in assignments
    ]
    votes = dict(
        ScreeningVote.objects.filter(assignment__in=assignments).values_list(
            "assignment_id", "answer"
        )
    )
    missing = [a for a in assignments if a.pk not in votes]
    if not assignments or missing:
        raise ValidationError(
            _("Answer every entry before you submit (%(count)s left).") % {"count": len(missing)},
            code="incomplete",
        )
    ballot_reviews_submit(reviews=reviews, now=now)
    ballot_submit_audit(
        round=round,
        user=user,
        action="screening.submit",
        data={"answers": {str(a.entry_id): votes[a.pk] for a in assignments}},
    )
    return len(reviews)


def ranking_limit(*, round: Round, assigned: int) -> int:
    return min(round.ranking_limit or assigned, assigned)


@transaction.atomic
def ranking_save(
    *, round: Round, user, ranks: Mapping[int, int | None], submit: bool = False, now=None
) -> dict[int, int]:
    """Save the judge's ranks (assignment id -> rank, 1 best, equal ranks tie, None unranked).

    Ranks run from 1 to the number of assigned entries; at most the round's limit of entries
    may be ranked, and without a limit every entry must be ranked to submit (with one, at least
    one). With `submit` the ballot is locked and the audit event "ranking.submit" records it.
    Raises ValidationError "rank" / "limit" / "incomplete" (nothing written) or
    "locked"/"submitted"; PermissionDenied for an assignment that is not the judge's.
    Returns the ranks saved.
    """
    now = now or timezone.now()
    assignments = judge_assignments(round=round, judge=user)
    by_id = {a.pk: a for a in assignments}
    if any(pk not in by_id for pk in ranks):
        raise PermissionDenied
    reviews = [
        ballot_review_lock(assignment=a, user=user, mode=RoundMode.RANKING, now=now)
        for a in assignments
    ]
    cleaned: dict[int, int] = {}
    for pk, rank in ranks.items():
        if rank is None:
            continue
        if not isinstance(rank, int) or not 1 <= rank <= len(assignments):
            raise ValidationError(
                _("A rank is a whole number from 1 (best) to %(count)s.")
                % {"count": len(assignments)},
                code="rank",
            )
        cleaned[pk] = rank
    limit = ranking_limit(round=round, assigned=len(assignments))
    if len(cleaned) > limit:
        raise ValidationError(_("Rank at most %(limit)s entries.") % {"limit": limit}, code="limit")
    if submit and (not cleaned or (round.ranking_limit is None and len(cleaned) < limit)):
        raise ValidationError(
            _("Rank every entry before you submit.")
            if round.ranking_limit is None
            else _("Rank at least one entry before you submit."),
            code="incomplete",
        )
    RankPlace.objects.filter(assignment__in=assignments).exclude(assignment_id__in=cleaned).delete()
    for pk, rank in cleaned.items():
        RankPlace.objects.update_or_create(assignment_id=pk, defaults={"rank": rank})
    if submit:
        ballot_reviews_submit(reviews=reviews, now=now)
        ballot_submit_audit(
            round=round,
            user=user,
            action="ranking.submit",
            data={"ranks": {str(by_id[pk].entry_id): r for pk, r in cleaned.items()}},
        )
    else:
        for review in reviews:
            review.version += 1
            review.save(update_fields=["version", "updated_at"])
    return cleaned
