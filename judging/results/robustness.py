"""How fragile the ranking is: the verdict over leave-one-judge-out and other-method variants.

The ranking is recomputed

* with each other ranking method on the same data (``kind: "method"``), and
* with each judge's reviews left out, by the chosen method (``kind: "without_judge"``); the
  ``shrunk`` method keeps the full data's variance ratio so that a variant differs from the
  main ranking only by the judge left out,

with the same tie-break rules.  From these variants:

* ``winner_same``: in how many variants the top place goes to the same entry (or the same tied
  group); the ``code`` is ``winner_settled`` when that is all of them, ``winner_depends``
  otherwise, ``no_ranking`` without ranked entries;
* per entry: best and worst rank over the variants, in how many it is in the top N, and
  whether its place (``place_settled``) and its top-N membership (``top_n_settled``) hold in
  every variant; an entry that loses all its reviews when a judge is left out counts as out of
  the top N there, with no rank;
* ``swaps``: neighbours within the top N whose order some variant reverses, with the variants
  that do it ("A and B swap places if J3's scores are left out").

This is a sensitivity analysis, not a significance test: it answers "would the result change
if one judge had not taken part, or if the chair had picked another method?".  The bootstrap
(:mod:`.stability`) answers the sampling question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .aggregate import entry_statistics
from .methods import RANKING_METHODS, Calibrations
from .ranking import TIE_BREAK_RULES, RankedItem, rank_by_score
from .records import Label
from .table import ReviewTable


@dataclass(frozen=True, slots=True)
class Variant:
    kind: str
    method: str
    judge: Label | None
    ranks: dict[Label, int]

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "method": self.method, "judge": self.judge}


def rank_table(
    calibrations: Calibrations, *, method: str, rules: Sequence[str]
) -> list[RankedItem]:
    """The ranking of ``calibrations.table`` by ``method`` with the tie-break ``rules``."""
    table = calibrations.table
    stats = entry_statistics(table)
    tie_data = {
        label: {key: float(stats[key][i]) for key in stats if key != "reviews"}
        | {"reviews": int(stats["reviews"][i])}
        for i, label in enumerate(table.entries)
    }
    return rank_by_score(scores=calibrations.scores(method), tie_data=tie_data, rules=rules)


def fast_ranks(
    calibrations: Calibrations, *, method: str, rules: Sequence[str]
) -> dict[Label, int]:
    """The competition ranks :func:`rank_table` gives, vectorised, for the many variants.

    Sorting by ``(-score, tie-break fields..., canonical position)`` with ``numpy.lexsort``;
    scores are compared after rounding to 9 decimals (``rank_by_score`` uses a relative
    tolerance of 1e-9: the same for scores on a rubric scale) and a missing tie-break value
    sorts last, as there.  The table's entries are in canonical order, so position is the label
    order ``rank_by_score`` falls back on.  A test checks the two agree.
    """
    table = calibrations.table
    scores = calibrations.scores(method)
    x = np.array([scores[label] for label in table.entries])
    stats = entry_statistics(table)
    keys = [np.round(-x, 9)]
    for name in rules:
        rule = TIE_BREAK_RULES[name]
        if rule.field is None:
            break  # the chair decides: what is still equal stays tied
        sign = -1.0 if rule.higher_is_better else 1.0
        values = np.asarray(stats[rule.field], dtype=float) * sign
        keys.append(np.where(np.isnan(values), np.inf, np.round(values, 9)))
    n = table.n_entries
    order = np.lexsort((np.arange(n), *reversed(keys)))
    ordered = np.stack(keys)[:, order]
    starts = np.concatenate(([True], np.any(ordered[:, 1:] != ordered[:, :-1], axis=0)))
    rank_sorted = np.maximum.accumulate(np.where(starts, np.arange(n), 0)) + 1
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = rank_sorted
    return dict(zip(table.entries, ranks.tolist(), strict=True))


def without_judge(table: ReviewTable, judge: int) -> ReviewTable:
    keep = table.judge_index != judge
    return ReviewTable.from_codes(
        entries=table.entries,
        judges=table.judges,
        entry_codes=table.entry_index[keep],
        judge_codes=table.judge_index[keep],
        scores=table.scores[keep],
        entry_rank=np.arange(table.n_entries),
        judge_rank=np.arange(table.n_judges),
    )


def variants(
    calibrations: Calibrations,
    *,
    method: str,
    rules: Sequence[str],
    methods: Sequence[str] = RANKING_METHODS,
) -> list[Variant]:
    """Every variant of the ranking (module docstring), methods first, then judges in order."""
    table = calibrations.table
    out = [
        Variant("method", other, None, fast_ranks(calibrations, method=other, rules=rules))
        for other in methods
        if other != method
    ]
    gamma = calibrations.shrunk.variance_ratio if method == "shrunk" else None
    for j, judge in enumerate(table.judges):
        reduced = without_judge(table, j)
        if reduced.n_reviews == 0:
            out.append(Variant("without_judge", method, judge, {}))
            continue
        cal = Calibrations(
            table=reduced,
            ridge=calibrations.ridge,
            variance_ratio=gamma,
            standard_errors=False,
        )
        ranks = fast_ranks(cal, method=method, rules=rules)
        out.append(Variant("without_judge", method, judge, ranks))
    return out


def verdict(
    *, ranked: Sequence[RankedItem], variants: Sequence[Variant], top_n: int
) -> dict[str, Any]:
    """The robustness verdict as plain data (see the module docstring for the fields)."""
    if not ranked:
        return {"code": "no_ranking", "params": {}, "variants": 0, "entries": [], "swaps": []}
    main = {r.item: r.rank for r in ranked}
    winner = sorted((r.item for r in ranked if r.rank == 1), key=lambda x: str(x))
    same = [v for v in variants if _winners(v.ranks) == set(winner)]
    changed = [v for v in variants if _winners(v.ranks) != set(winner)]
    entries = [_entry_row(r, variants, top_n) for r in ranked]
    code = "winner_settled" if not changed else "winner_depends"
    return {
        "code": code,
        "params": {
            "winner": winner,
            "same": len(same),
            "variants": len(variants),
            "judges": [v.judge for v in changed if v.kind == "without_judge"],
            "methods": [v.method for v in changed if v.kind == "method"],
        },
        "winner": winner,
        "winner_same": len(same),
        "variants": len(variants),
        "changes": [
            {**v.describe(), "winner": sorted(_winners(v.ranks), key=lambda x: str(x))}
            for v in changed
        ],
        "entries": entries,
        "settled": [row["entry"] for row in entries if row["top_n_settled"]],
        "unsettled": [row["entry"] for row in entries if not row["top_n_settled"]],
        "swaps": _swaps(ranked, main, variants, top_n),
    }


def _entry_row(item: RankedItem, variants: Sequence[Variant], top_n: int) -> dict[str, Any]:
    ranks = [v.ranks.get(item.item) for v in variants]
    present = [r for r in ranks if r is not None]
    in_top = sum(1 for r in ranks if r is not None and r <= top_n)
    inside = item.rank <= top_n
    return {
        "entry": item.item,
        "rank": item.rank,
        "best_rank": min(present + [item.rank]),
        "worst_rank": max(present + [item.rank]),
        "unranked_in": sum(1 for r in ranks if r is None),
        "in_top_n": in_top,
        "place_settled": all(r == item.rank for r in ranks),
        "top_n_settled": in_top == len(variants) if inside else in_top == 0,
    }


def _swaps(
    ranked: Sequence[RankedItem],
    main: Mapping[Label, int],
    variants: Sequence[Variant],
    top_n: int,
) -> list[dict[str, Any]]:
    out = []
    order = [r.item for r in ranked if r.rank <= top_n]
    for upper, lower in zip(order, order[1:], strict=False):
        if main[upper] == main[lower]:
            continue  # an unresolved tie already; nothing to swap
        reversed_in = [
            v.describe()
            for v in variants
            if upper in v.ranks and lower in v.ranks and v.ranks[lower] < v.ranks[upper]
        ]
        if reversed_in:
            out.append({"entry": upper, "next_entry": lower, "variants": reversed_in})
    return out


def _winners(ranks: Mapping[Label, int]) -> set[Label]:
    return {label for label, rank in ranks.items() if rank == 1}


def _ranks(ranked: Sequence[RankedItem]) -> dict[Label, int]:
    return {r.item: r.rank for r in ranked}
