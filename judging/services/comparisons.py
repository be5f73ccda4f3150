"""Pairwise rounds: which pair a judge compares next, and the judge's answer.

Scheduling: a judge compares pairs of their own assigned entries (conflicted ones are never
assigned, and one that becomes conflicted drops out at once), never the same pair twice in
either order. Each judge makes ``ceil(n * k / 2)`` comparisons (``n`` entries, ``k`` the round's
comparisons per entry and judge; at most every pair once), so each of their entries appears
about ``k`` times. The next pair is the one whose entries have been compared least in the
round so far (then the pair compared least by anyone), so every entry gets compared about
equally often; remaining ties are broken by a hash of judge and pair, which keeps the schedule
reproducible without every judge seeing the same pairs. Of equally little-compared entries the one
with the fewest such partners left goes first (so the last ones are not left with pairs already
seen). Which entry is shown first follows the
same hash, so neither side is systematically favoured.
"""

import hashlib
import math
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.enums import PairOutcome, RoundMode
from judging.models import PairComparison, Round
from judging.services.ballots import (
    ballot_review_lock,
    ballot_reviews_submit,
    ballot_submit_audit,
    judge_assignments,
)


def pair_quota(*, round: Round, assigned: int) -> int:
    if assigned < 2:
        return 0
    wanted = math.ceil(assigned * round.comparisons_per_entry / 2)
    return min(wanted, assigned * (assigned - 1) // 2)


def _hash(*parts) -> int:
    return int(hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def pair_progress(*, round: Round, judge) -> tuple[int, int]:
    """(answered, quota) for the judge in the round."""
    assigned = len(judge_assignments(round=round, judge=judge))
    answered = PairComparison.objects.filter(round=round, judge=judge).exclude(outcome="").count()
    return answered, pair_quota(round=round, assigned=assigned)


@transaction.atomic
def pair_next(*, round: Round, user, now=None) -> PairComparison | None:
    """The pair the judge should compare now: the one shown and not yet answered, else a new
    one (see the module docstring); None once the judge has made their comparisons.

    Raises PermissionDenied in a round of another mode or for a judge without assignments
    there, ValidationError "locked"/"submitted" when the judge may no longer answer.
    Side effects: at most one PairComparison row.
    """
    now = now or timezone.now()
    assignments = judge_assignments(round=round, judge=user)
    if round.mode != RoundMode.PAIRWISE or not assignments:
        raise PermissionDenied
    # Locking the judge's reviews serialises two tabs asking for a pair at once.
    for assignment in assignments:
        ballot_review_lock(assignment=assignment, user=user, mode=RoundMode.PAIRWISE, now=now)
    entry_ids = {a.entry_id for a in assignments}
    mine = PairComparison.objects.filter(round=round, judge=user)
    pending = mine.filter(outcome="").first()
    if pending is not None:
        if {pending.first_id, pending.second_id} <= entry_ids:
            return pending
        pending.delete()  # an entry left the judge's list (a conflict, an assignment removed)
    answered = mine.exclude(outcome="").count()
    if answered >= pair_quota(round=round, assigned=len(entry_ids)):
        return None
    seen = {frozenset(p) for p in mine.values_list("first_id", "second_id")}
    everyone = list(
        PairComparison.objects.filter(round=round)
        .filter(Q(first_id__in=entry_ids) | Q(second_id__in=entry_ids))
        .values_list("first_id", "second_id")
    )
    per_entry = Counter(e for pair in everyone for e in pair)
    per_pair = Counter(frozenset(pair) for pair in everyone)
    unseen = {
        e: [o for o in entry_ids if o != e and frozenset((e, o)) not in seen] for e in entry_ids
    }
    eligible = [e for e in entry_ids if unseen[e]]
    if not eligible:
        return None

    def constraint(e: int) -> int:
        # How many equally little-compared partners are left for e: fewest goes first, so the
        # last entries are not left with only pairs already seen.
        return sum(1 for o in unseen[e] if per_entry[o] <= per_entry[e])

    a = min(eligible, key=lambda e: (per_entry[e], constraint(e), _hash(user.pk, round.pk, e)))
    b = min(
        unseen[a],
        key=lambda o: (
            per_entry[o],
            constraint(o),
            per_pair[frozenset((a, o))],
            _hash(user.pk, round.pk, a, o),
        ),
    )
    if _hash("side", user.pk, a, b) % 2:
        a, b = b, a
    return PairComparison.objects.create(round=round, judge=user, first_id=a, second_id=b)


@transaction.atomic
def pair_answer(*, comparison: PairComparison, user, outcome: str, now=None) -> bool:
    """Record the judge's answer on a pair shown to them; returns True when that was their
    last comparison, which submits their part of the round (audit event "pairwise.submit").

    Raises PermissionDenied for a pair shown to someone else or with an entry the judge may no
    longer see; ValidationError "outcome" for an unknown answer, "answered" for a pair already
    answered, "locked"/"submitted" when the judge may no longer answer.
    """
    now = now or timezone.now()
    comparison = PairComparison.objects.select_for_update().get(pk=comparison.pk)
    round = Round.objects.select_related("category__edition").get(pk=comparison.round_id)
    if comparison.judge_id != user.pk:
        raise PermissionDenied
    assignments = judge_assignments(round=round, judge=user)
    if not {comparison.first_id, comparison.second_id} <= {a.entry_id for a in assignments}:
        raise PermissionDenied
    reviews = [
        ballot_review_lock(assignment=a, user=user, mode=RoundMode.PAIRWISE, now=now)
        for a in assignments
    ]
    if outcome not in PairOutcome.values:
        raise ValidationError(_("Choose one of the two entries, or equal."), code="outcome")
    if comparison.outcome:
        raise ValidationError(_("You have already compared this pair."), code="answered")
    comparison.outcome = outcome
    comparison.answered_at = now
    comparison.save(update_fields=["outcome", "answered_at"])
    answered = PairComparison.objects.filter(round=round, judge=user).exclude(outcome="").count()
    if answered < pair_quota(round=round, assigned=len(assignments)):
        return False
    ballot_reviews_submit(reviews=reviews, now=now)
    ballot_submit_audit(
        round=round, user=user, action="pairwise.submit", data={"comparisons": answered}
    )
    return True
