"""Results of screening, ranking and pairwise rounds, read from the database into the pure
functions of `judging.results` (entries are labelled by their id there).

As for rubric rounds: only submitted work counts (answers and ranks of submitted reviews;
every answered comparison, since a comparison cannot be changed once answered), only entries
still in the round, and never a judge's answer on an entry they have a confirmed conflict
with. Entries hidden from the viewer (their own conflicts) are left out before aggregating.
Each reading is two or three queries whatever the size of the round.
"""

from typing import Any

from django.db.models import Exists, OuterRef

from judging.enums import ConflictStatus, PairOutcome, ReviewStatus, RoundMode
from judging.models import Conflict, PairComparison, RankPlace, Round, RoundEntry, ScreeningVote
from judging.results.ballot_ranking import leave_one_judge_out, rank_ballots, screening_shares
from judging.results.pairwise import Comparison, bradley_terry
from judging.results.pairwise import leave_one_judge_out as pairs_leave_one_judge_out
from judging.selectors.results import judge_names, round_entries_shown

Z95 = 1.959963984540054


def _counted(queryset, prefix: str):
    """Submitted, in the round, not conflicted: the filter every reading shares."""
    conflicted = Conflict.objects.filter(
        entry_id=OuterRef(f"{prefix}entry_id"),
        judge_id=OuterRef(f"{prefix}judge_id"),
        status=ConflictStatus.CONFIRMED,
    )
    in_round = RoundEntry.objects.filter(
        round_id=OuterRef(f"{prefix}round_id"), entry_id=OuterRef(f"{prefix}entry_id")
    )
    return (
        queryset.filter(**{f"{prefix}review__status": ReviewStatus.SUBMITTED})
        .filter(Exists(in_round))
        .exclude(Exists(conflicted))
    )


def screening_answers(*, round: Round, hidden: set[int] = frozenset()) -> list[tuple]:
    """``(entry id, judge id, answer, reason)`` of the round's submitted screening answers."""
    rows = _counted(ScreeningVote.objects.filter(assignment__round=round), "assignment__")
    return [
        row
        for row in rows.order_by("assignment__entry_id", "assignment__judge_id").values_list(
            "assignment__entry_id", "assignment__judge_id", "answer", "reason"
        )
        if row[0] not in hidden
    ]


def ranking_ballots(*, round: Round, hidden: set[int] = frozenset()) -> dict[int, list[list[int]]]:
    """Per judge their submitted ballot as tiers, best first (hidden entries left out)."""
    rows = _counted(RankPlace.objects.filter(assignment__round=round), "assignment__")
    ranks: dict[int, dict[int, list[int]]] = {}
    for judge_id, entry_id, rank in rows.values_list(
        "assignment__judge_id", "assignment__entry_id", "rank"
    ):
        if entry_id not in hidden:
            ranks.setdefault(judge_id, {}).setdefault(rank, []).append(entry_id)
    return {judge: [sorted(levels[r]) for r in sorted(levels)] for judge, levels in ranks.items()}


def pair_comparisons(*, round: Round, hidden: set[int] = frozenset()) -> list[PairComparison]:
    """The round's answered comparisons, without any on an entry the judge is conflicted with
    or that left the round."""
    conflicted = Conflict.objects.filter(
        judge_id=OuterRef("judge_id"), status=ConflictStatus.CONFIRMED
    )
    in_round = RoundEntry.objects.filter(round_id=round.pk)
    rows = (
        PairComparison.objects.filter(round=round)
        .exclude(outcome="")
        .filter(first_id__in=in_round.values("entry_id"), second_id__in=in_round.values("entry_id"))
        .exclude(Exists(conflicted.filter(entry_id=OuterRef("first_id"))))
        .exclude(Exists(conflicted.filter(entry_id=OuterRef("second_id"))))
        .order_by("pk")
    )
    return [c for c in rows if c.first_id not in hidden and c.second_id not in hidden]


def as_comparison(row: PairComparison) -> Comparison:
    if row.outcome == PairOutcome.SECOND:
        return Comparison(winner=row.second_id, loser=row.first_id, judge=row.judge_id)
    return Comparison(
        winner=row.first_id,
        loser=row.second_id,
        tie=row.outcome == PairOutcome.EQUAL,
        judge=row.judge_id,
    )


def ballot_results(*, round: Round, hidden: set[int] = frozenset()) -> dict[str, Any]:
    """The round's results as plain data, best first: ``{"mode", "method", "entries": [...],
    "robustness"?, "judges"}``; each entry row carries ``entry_id``, ``reference``, ``title``
    and the mode's figures."""
    shown = round_entries_shown(round=round, hidden=set(hidden))
    result: dict[str, Any] = {"mode": round.mode}
    if round.mode == RoundMode.SCREENING:
        answers = screening_answers(round=round, hidden=hidden)
        rows = screening_shares(
            answers=[(entry, answer) for entry, _judge, answer, _reason in answers],
            entries=list(shown),
            threshold=float(round.screening_threshold),
        )
        result.update(method="screening", threshold=float(round.screening_threshold))
        judges = {judge for _e, judge, _a, _r in answers}
    elif round.mode == RoundMode.RANKING:
        ballots = ranking_ballots(round=round, hidden=hidden)
        ranked = rank_ballots(ballots=ballots, entries=list(shown), method=round.ranking_method)
        rows = ranked["entries"]
        result.update(
            method=round.ranking_method,
            robustness=leave_one_judge_out(
                ballots=ballots, entries=list(shown), method=round.ranking_method
            ),
        )
        judges = set(ballots)
    elif round.mode == RoundMode.PAIRWISE:
        comparisons = pair_comparisons(round=round, hidden=hidden)
        judges = {c.judge_id for c in comparisons}
        rows = _pairwise_rows(comparisons, shown)
        result.update(
            method="bradley-terry",
            robustness=pairs_leave_one_judge_out(
                comparisons=[as_comparison(c) for c in comparisons]
            ),
        )
    else:
        raise ValueError("rubric rounds are analysed by judging.selectors.results")
    for row in rows:
        entry_id = row.pop("entry")
        row.update(entry_id=entry_id, **shown.get(entry_id, {"reference": "", "title": ""}))
    result["entries"] = rows
    result["judges"] = len(judges)
    if "robustness" in result:
        names = judge_names(c["judge"] for c in result["robustness"]["changes"])
        for change in result["robustness"]["changes"]:
            change["judge_name"] = names.get(change["judge"], "")
            change["winner"] = [shown[e]["reference"] for e in change["winner"] if e in shown]
        result["robustness"]["winner"] = [
            shown[e]["reference"] for e in result["robustness"]["winner"] if e in shown
        ]
    return result


def _pairwise_rows(comparisons: list[PairComparison], shown: dict) -> list[dict[str, Any]]:
    compared = {e for c in comparisons for e in (c.first_id, c.second_id)}
    rows = []
    if comparisons:
        fit = bradley_terry(comparisons=[as_comparison(c) for c in comparisons])
        for e in fit.entries:
            rows.append(
                {
                    "entry": e.entry,
                    "rank": e.rank,
                    "ability": e.ability,
                    "ability_sd": e.ability_sd,
                    "ability_low": e.ability - Z95 * e.ability_sd,
                    "ability_high": e.ability + Z95 * e.ability_sd,
                    "wins": e.wins,
                    "comparisons": e.comparisons,
                }
            )
    # Entries nobody compared yet come last, without figures.
    rows += [
        {"entry": entry_id, "rank": None, "ability": None, "comparisons": 0, "wins": 0}
        for entry_id in shown
        if entry_id not in compared
    ]
    return rows
