"""Decisions on a round's entries, each resting on a frozen snapshot of the results."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from judging.access import conflicted_entry_ids, entry_ids_hidden_from_chair, may_chair
from judging.decision_hooks import decisions_changed
from judging.enums import DecisionOutcome, RoundStatus
from judging.models import Decision, ResultsSnapshot, Round
from judging.results import RANKING_METHODS
from judging.selectors.results import (
    round_results_analyse,
    round_scores_load,
    snapshot_parameters,
)

ROUND_OUTCOMES = (DecisionOutcome.ADVANCE, DecisionOutcome.ELIMINATE)
# In the final round there is nowhere to advance to; an entry without a prize is "eliminate".
FINAL_OUTCOMES = (
    DecisionOutcome.WINNER,
    DecisionOutcome.RUNNER_UP,
    DecisionOutcome.HONOURABLE_MENTION,
    DecisionOutcome.ELIMINATE,
)
SNAPSHOT_KEYS = (
    "method",
    "entries",
    "judges",
    "reliability",
    "scale",
    "top_n",
    "bootstrap",
    "tie_break",
    "ties",
    "statistical_ties",
    "excluded_judges",
    "robustness",
    "warnings",
)
MAX_TOP_N = 1000


def round_is_final(*, round: Round) -> bool:
    """The last round of its category: its decisions are prizes, not advancing."""
    return not Round.objects.filter(
        category_id=round.category_id, position__gt=round.position
    ).exists()


def outcomes_for_round(*, round: Round, final: bool | None = None) -> tuple[str, ...]:
    if final is None:
        final = round_is_final(round=round)
    return FINAL_OUTCOMES if final else ROUND_OUTCOMES


@transaction.atomic
def decisions_record(
    *,
    round: Round,
    entries: Iterable,
    outcome: str,
    reason: str,
    by,
    method: str,
    parameters: Mapping[str, Any],
) -> list[Decision]:
    """Record the same decision (outcome and reason) on several entries of a closed round.

    The results they rest on are computed from the scores now and frozen in a ResultsSnapshot;
    an identical snapshot (same round, method, parameters and inputs hash) is reused. A decision
    already recorded for an entry in the round is replaced. Raises PermissionDenied unless `by`
    may chair the round's category or when `by` has a confirmed conflict with one of the entries;
    ValidationError for an open round, an entry not in the round, an outcome not available in
    this round, a blank reason or unknown analysis options. Writes one audit event
    "decision.record" per entry; then runs what upper apps registered (`judging.decision_hooks`:
    draft winner pages). Entrants are told nothing: that waits for publication.
    """
    # Locking the round serialises two chairs deciding at once (one snapshot, no lost update).
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    entries = list(entries)
    if not may_chair(user=by, category=round.category):
        raise PermissionDenied
    if conflicted_entry_ids(judge=by) & {entry.pk for entry in entries}:
        raise PermissionDenied
    reason = (reason or "").strip()
    errors = _decision_refusals(
        round=round, entries=entries, outcome=outcome, reason=reason, method=method
    )
    top_n = parameters.get("top_n")
    errors += _top_n_refusals(top_n)
    if errors:
        raise ValidationError(errors)

    snapshot = results_snapshot_take(
        round=round,
        by=by,
        method=method,
        top_n=top_n,
        without_judges=tuple(parameters.get("without_judges") or ()),
    )
    decisions = _decisions_write(
        round=round,
        entries=entries,
        outcome=outcome,
        reason=reason,
        by=by,
        method=method,
        snapshot=snapshot,
    )
    decisions_changed(round=round, by=by)
    return decisions


def _top_n_refusals(top_n) -> list[ValidationError]:
    if isinstance(top_n, int) and 1 <= top_n <= MAX_TOP_N:
        return []
    return [
        ValidationError(
            _("The top-N size must be a whole number from 1 to %(max)s.") % {"max": MAX_TOP_N},
            code="top_n",
        )
    ]


def _decision_refusals(*, round: Round, entries: list, outcome: str, reason: str, method: str):
    """Everything wrong with a decision, all at once, so the chair corrects it in one go."""
    errors = []
    if round.status != RoundStatus.CLOSED:
        errors.append(
            ValidationError(_("Close the round before recording decisions."), code="round_open")
        )
    if not entries:
        errors.append(ValidationError(_("Choose at least one entry."), code="no_entries"))
    in_round = set(
        round.round_entries.filter(entry_id__in=[e.pk for e in entries]).values_list(
            "entry_id", flat=True
        )
    )
    strangers = [entry for entry in entries if entry.pk not in in_round]
    if strangers:
        errors.append(
            ValidationError(
                _("Not in this round: %(entries)s.")
                % {"entries": ", ".join(str(entry) for entry in strangers)},
                code="not_in_round",
            )
        )
    allowed = outcomes_for_round(round=round)
    if outcome not in allowed:
        labels = ", ".join(str(DecisionOutcome(value).label).lower() for value in allowed)
        errors.append(
            ValidationError(
                _("In this round the outcome is one of: %(outcomes)s.") % {"outcomes": labels},
                code="outcome",
            )
        )
    if not reason:
        errors.append(ValidationError(_("Give a reason for the decision."), code="reason"))
    if method not in RANKING_METHODS:
        errors.append(ValidationError(_("Unknown ranking method."), code="method"))
    return errors


def _decisions_write(
    *, round: Round, entries: list, outcome: str, reason: str, by, method: str, snapshot
) -> list[Decision]:
    """Record (or replace) each entry's decision on `snapshot`, one audit event per entry."""
    now = timezone.now()
    previous = dict(
        Decision.objects.filter(round=round, entry__in=entries).values_list("entry_id", "outcome")
    )
    decisions = []
    for entry in entries:
        decision, _created = Decision.objects.update_or_create(
            round=round,
            entry=entry,
            defaults={
                "outcome": outcome,
                "reason": reason,
                "snapshot": snapshot,
                "decided_by": by,
                "decided_at": now,
            },
        )
        audit_record(
            actor=by,
            action="decision.record",
            target=decision,
            summary=f"{entry}: {outcome} in {round}",
            data={
                "round": round.pk,
                "entry": entry.pk,
                "reference": entry.reference,
                "outcome": outcome,
                "previous_outcome": previous.get(entry.pk),
                "snapshot": snapshot.pk,
                "inputs_hash": snapshot.inputs_hash,
                "method": method,
            },
            edition=round.category.edition,
        )
        decisions.append(decision)
    return decisions


def decision_record(
    *,
    round: Round,
    entry,
    outcome: str,
    reason: str,
    by,
    method: str,
    parameters: Mapping[str, Any],
) -> Decision:
    """Record one entry's decision; see `decisions_record` for the rules and side effects."""
    return decisions_record(
        round=round,
        entries=[entry],
        outcome=outcome,
        reason=reason,
        by=by,
        method=method,
        parameters=parameters,
    )[0]


@transaction.atomic
def results_snapshot_take(
    *, round: Round, by, method: str, top_n: int, without_judges: tuple[int, ...] = ()
) -> ResultsSnapshot:
    """Freeze the round's results as `by` sees them (their conflicted entries left out, and
    the judges of a what-if view left out of the analysis, recorded in its parameters).

    Reuses an identical snapshot (same round, method, parameters and inputs hash) rather than
    storing the same table twice. Side effects: at most one ResultsSnapshot row.
    """
    hidden = entry_ids_hidden_from_chair(user=by, category=round.category)
    if hidden:
        hidden &= set(round.round_entries.values_list("entry_id", flat=True))
    scores = round_scores_load(round=round).without(hidden)
    parameters = snapshot_parameters(
        top_n=top_n, hidden_entry_ids=hidden, without_judges=without_judges
    )
    inputs_hash = scores.inputs_hash
    # Parameters are compared in Python: JSON equality in SQL differs between databases.
    for candidate in ResultsSnapshot.objects.filter(
        round=round, method=method, inputs_hash=inputs_hash
    ).order_by("-created_at"):
        if candidate.parameters == parameters:
            return candidate
    result = round_results_analyse(
        scores=scores,
        method=method,
        top_n=top_n,
        bootstrap=parameters["bootstrap"],
        seed=parameters["seed"],
        without_judges=without_judges,
    )
    table = {key: result[key] for key in SNAPSHOT_KEYS} if result else {"entries": []}
    return ResultsSnapshot.objects.create(
        round=round,
        method=method,
        parameters=parameters,
        inputs_hash=inputs_hash,
        table=table,
        created_by=by,
    )
