"""Decisions in screening, ranking and pairwise rounds, on a snapshot of their results.

The same rules and side effects as `decisions_record` (a closed round, the chair or an
organiser without a conflict on the entries, an outcome of the round, a reason; one audit
event "decision.record" per entry, nothing told to entrants); only the results frozen differ:
the round's own (yes shares, combined ranking, Bradley-Terry strengths) as `by` sees them.
"""

import hashlib
import json
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from judging.access import conflicted_entry_ids, entry_ids_hidden_from_chair, may_chair
from judging.models import Decision, ResultsSnapshot, Round
from judging.results import METHODS
from judging.selectors.ballots import ballot_results
from judging.services.decisions import _decision_refusals, _decisions_write


def ballot_snapshot_take(*, round: Round, by) -> ResultsSnapshot:
    """Freeze the round's results as `by` sees them; an identical snapshot is reused."""
    hidden = entry_ids_hidden_from_chair(user=by, category=round.category)
    hidden &= set(round.round_entries.values_list("entry_id", flat=True))
    result = ballot_results(round=round, hidden=hidden)
    parameters = {"mode": round.mode, "hidden_entry_ids": sorted(hidden)}
    if round.mode == "screening":
        parameters["threshold"] = float(round.screening_threshold)
    inputs_hash = hashlib.sha256(
        json.dumps(result, sort_keys=True, default=str).encode()
    ).hexdigest()
    for candidate in ResultsSnapshot.objects.filter(
        round=round, method=result["method"], inputs_hash=inputs_hash
    ).order_by("-created_at"):
        if candidate.parameters == parameters:
            return candidate
    return ResultsSnapshot.objects.create(
        round=round,
        method=result["method"],
        parameters=parameters,
        inputs_hash=inputs_hash,
        table=json.loads(json.dumps(result, default=str)),
        created_by=by,
    )


@transaction.atomic
def ballot_decisions_record(
    *, round: Round, entries: Iterable, outcome: str, reason: str, by
) -> list[Decision]:
    """Record one outcome and reason for several entries (see the module docstring).

    Raises PermissionDenied or ValidationError as `decisions_record` does.
    """
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    entries = list(entries)
    if not may_chair(user=by, category=round.category):
        raise PermissionDenied
    if conflicted_entry_ids(judge=by) & {entry.pk for entry in entries}:
        raise PermissionDenied
    reason = (reason or "").strip()
    # The method is the round's own here; the rubric methods' check is passed by the default.
    errors = _decision_refusals(
        round=round, entries=entries, outcome=outcome, reason=reason, method=METHODS[0]
    )
    if errors:
        raise ValidationError(errors)
    snapshot = ballot_snapshot_take(round=round, by=by)
    return _decisions_write(
        round=round,
        entries=entries,
        outcome=outcome,
        reason=reason,
        by=by,
        method=snapshot.method,
        snapshot=snapshot,
    )
