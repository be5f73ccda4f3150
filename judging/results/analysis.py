"""The whole results computation in one call: :func:`analyse`.

Pipeline: validate the score rows and compute weighted review scores (:mod:`.inputs`), per-entry
statistics (:mod:`.aggregate`), both calibrations (:mod:`.calibration`), the ranking by the
chosen method with tie-break rules (:mod:`.ranking`), the bootstrap (:mod:`.stability`) and the
agreement statistics (:mod:`.reliability`).  The result is plain data (dicts, lists, str, int,
float, None) ready for :mod:`.report` or a template.

Result keys
    ``method``, ``entries`` (rank order; entries without a complete review last, unranked),
    ``judges``, ``reliability`` - the documented JSON contract, see :mod:`.report` - plus:

    * ``scale``: ``{"min", "max"}`` of the weighted score;
    * ``criteria``: the resolved rubric with per-criterion agreement;
    * ``top_n``, ``bootstrap`` (``{"resamples", "seed", "confidence"}``), ``tie_break``;
    * ``entry_statistics``: trimmed mean, sd, min, max per ranked entry;
    * ``judge_agreement``: per-judge correlation / deviation and z-score parameters;
    * ``components``: connected parts of the judge-entry graph (offsets comparable only within
      one; more than one means the ``offset`` ranking mixes incomparable scales);
    * ``ties``: unresolved ties after the tie-break rules (the chair must decide);
    * ``statistical_ties``: neighbours whose order the bootstrap does not support;
    * ``flags``: judges whose scores deviate strongly from their colleagues';
    * ``incomplete_reviews``: reviews left out because criteria are missing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .aggregate import entry_statistics
from .calibration import DEFAULT_RIDGE, fit_additive, zscore_calibration
from .inputs import Criterion, Label, ScoreRow, weighted_reviews
from .ranking import DEFAULT_TIE_BREAK, rank_by_score, validate_tie_break
from .reliability import (
    alpha_all_levels,
    criterion_agreement,
    deviating_judges,
    icc_from_reviews,
    judge_agreement,
    kendall_w_from_reviews,
)
from .stability import DEFAULT_CONFIDENCE, bootstrap_ranking

METHODS = ("mean", "zscore", "offset")
DEFAULT_TOP_N = 10


def analyse(
    *,
    reviews: Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
    method: str = "mean",
    top_n: int = DEFAULT_TOP_N,
    bootstrap: int = 1000,
    seed: int = 0,
    tie_break: Sequence[str] = DEFAULT_TIE_BREAK,
    ridge: float = DEFAULT_RIDGE,
    confidence: float = DEFAULT_CONFIDENCE,
) -> dict[str, Any]:
    """Analyse criterion scores and return plain data (see the module docstring for keys).

    ``reviews`` are the raw ``(entry, judge, criterion, score)`` rows; ``criteria`` the rubric
    (``None``: every criterion weighs 1 and the scale is the observed score range).  ``method``
    picks the score that ranks: ``mean``, ``zscore`` or ``offset``.  ``bootstrap=0`` skips the
    bootstrap (``top_probability`` is then ``None``).  Raises :class:`~.inputs.InputError` on
    invalid rows and ``ValueError`` on invalid options.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    if bootstrap < 0:
        raise ValueError("bootstrap must be 0 (off) or a number of resamples")
    rules = validate_tie_break(tie_break)

    weighted = weighted_reviews(scores=reviews, criteria=criteria)
    table = weighted.table
    stats = entry_statistics(table)
    zscore = zscore_calibration(reviews=table)
    additive = fit_additive(reviews=table, ridge=ridge)

    mean_by_entry = {label: float(stats["mean"][i]) for i, label in enumerate(table.entries)}
    primary = {
        "mean": mean_by_entry,
        "zscore": zscore.entry_scores,
        "offset": additive.qualities,
    }[method]
    tie_data = {
        label: {key: _num(stats[key][i]) for key in stats if key != "reviews"}
        | {"reviews": int(stats["reviews"][i])}
        for i, label in enumerate(table.entries)
    }
    ranked = rank_by_score(scores=primary, tie_data=tie_data, rules=rules)
    order = [r.item for r in ranked]

    boot = None
    if bootstrap and table.n_entries:
        adjusted = {"mean": table, "zscore": zscore.adjusted, "offset": additive.adjusted}[method]
        boot = bootstrap_ranking(
            reviews=adjusted,
            order=order,
            top_n=top_n,
            resamples=bootstrap,
            seed=seed,
            confidence=confidence,
        )

    index = {label: i for i, label in enumerate(table.entries)}
    entries = [
        {
            "entry": r.item,
            "reviews": int(stats["reviews"][index[r.item]]),
            "mean": mean_by_entry[r.item],
            "median": float(stats["median"][index[r.item]]),
            "zscore": zscore.entry_scores[r.item],
            "offset": additive.qualities[r.item],
            "rank": r.rank,
            "top_probability": None if boot is None else boot.top_probability[r.item],
        }
        for r in ranked
    ]
    entries.extend(
        {
            "entry": label,
            "reviews": 0,
            "mean": None,
            "median": None,
            "zscore": None,
            "offset": None,
            "rank": None,
            "top_probability": None,
        }
        for label in weighted.entries
        if label not in index
    )

    offsets = {j.judge: j for j in additive.judges}
    judges = [
        {
            "judge": label,
            "reviews": offsets[label].reviews if label in offsets else 0,
            "offset": offsets[label].offset if label in offsets else None,
            "offset_sd": offsets[label].offset_sd if label in offsets else None,
        }
        for label in weighted.judges
    ]

    agreement = judge_agreement(reviews=table)
    z_params = {z.judge: z for z in zscore.judges}
    criteria_out = []
    per_criterion = {c.criterion: c for c in criterion_agreement(tables=weighted.by_criterion)}
    for c in weighted.criteria:
        agreement_c = per_criterion.get(c.name)
        criteria_out.append(
            {
                "criterion": c.name,
                "weight": c.weight,
                "min": c.minimum,
                "max": c.maximum,
                "scores": agreement_c.reviews if agreement_c else 0,
                "alpha_interval": agreement_c.alpha_interval if agreement_c else None,
                "icc": agreement_c.icc if agreement_c else None,
            }
        )

    return {
        "method": method,
        "entries": entries,
        "judges": judges,
        "reliability": {
            "icc": icc_from_reviews(reviews=table),
            "kendall_w": kendall_w_from_reviews(reviews=table),
            "alpha": alpha_all_levels(reviews=table),
        },
        "scale": {"min": weighted.scale[0], "max": weighted.scale[1]},
        "criteria": criteria_out,
        "top_n": boot.top_n if boot else min(top_n, table.n_entries),
        "bootstrap": {
            "resamples": bootstrap,
            "seed": seed,
            "confidence": confidence,
        },
        "tie_break": list(rules),
        "entry_statistics": [
            {
                "entry": r.item,
                "trimmed_mean": tie_data[r.item]["trimmed_mean"],
                "sd": tie_data[r.item]["sd"],
                "min": tie_data[r.item]["minimum"],
                "max": tie_data[r.item]["maximum"],
            }
            for r in ranked
        ],
        "judge_agreement": [
            {
                "judge": a.judge,
                "shared": a.shared,
                "correlation": a.correlation,
                "mean_deviation": a.mean_deviation,
                "deviation_sd": a.deviation_sd,
                "zscore_mean": z_params[a.judge].mean,
                "zscore_sd": z_params[a.judge].sd,
                "standardised": z_params[a.judge].standardised,
            }
            for a in agreement
        ],
        "components": [
            {"judges": list(c.judges), "entries": list(c.entries)} for c in additive.components
        ],
        "residual_sd": additive.residual_sd,
        "ties": _unresolved_ties(ranked),
        "statistical_ties": []
        if boot is None
        else [
            {
                "entry": n.entry,
                "next_entry": n.next_entry,
                "probability_above": n.probability_above,
            }
            for n in boot.neighbours
            if n.statistical_tie
        ],
        "flags": [
            {
                "judge": f.judge,
                "rule": f.rule,
                "value": f.value,
                "threshold": f.threshold,
                "message": f.message,
            }
            for f in deviating_judges(agreement=agreement)
        ],
        "incomplete_reviews": [
            {"entry": ir.entry, "judge": ir.judge, "missing": list(ir.missing)}
            for ir in weighted.incomplete
        ],
    }


def _unresolved_ties(ranked: Sequence[Any]) -> list[dict[str, Any]]:
    ties: dict[int, list[Label]] = {}
    for r in ranked:
        if r.tied_with:
            ties.setdefault(r.rank, []).append(r.item)
    return [
        {"rank": rank, "entries": members, "resolution": "chair's decision"}
        for rank, members in ties.items()
    ]


def _num(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value
