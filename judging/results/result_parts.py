"""The plain-data pieces of an :func:`~.analysis.analyse` result, one builder per key.

Each function turns computed objects into lists and dicts of str, int, float, bool and None,
so the result can go straight to JSON or a template.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .components import COMPONENT_KEYS, VarianceComponents
from .methods import Calibrations
from .ranking import RankedItem
from .records import Label
from .reliability_intervals import Interval
from .weighting import WeightedReviews


def entry_rows(
    *,
    ranked: Sequence[RankedItem],
    weighted: WeightedReviews,
    calibrations: Calibrations,
    stats: Mapping[str, Any],
    method: str,
    intervals: Mapping[Label, tuple[float, float] | None],
    top_probability: Mapping[Label, float] | None,
) -> list[dict[str, Any]]:
    """``entries``: ranked entries in rank order, then those without a complete review."""
    table = calibrations.table
    index = {label: i for i, label in enumerate(table.entries)}
    means = calibrations.means()
    zscore = calibrations.zscore.entry_scores
    offset = calibrations.offset.qualities
    shrunk = calibrations.shrunk.fit.qualities
    chosen = calibrations.scores(method)
    rows = []
    for r in ranked:
        interval = intervals.get(r.item)
        rows.append(
            {
                "entry": r.item,
                "reviews": int(stats["reviews"][index[r.item]]),
                "mean": means[r.item],
                "median": float(stats["median"][index[r.item]]),
                "zscore": zscore[r.item],
                "offset": offset[r.item],
                "rank": r.rank,
                "top_probability": None if top_probability is None else top_probability[r.item],
                "shrunk": shrunk[r.item],
                "score": chosen[r.item],
                "score_low": None if interval is None else interval[0],
                "score_high": None if interval is None else interval[1],
            }
        )
    empty = dict.fromkeys(
        ("mean", "median", "zscore", "offset", "rank", "top_probability", "shrunk", "score")
    )
    rows.extend(
        {"entry": label, "reviews": 0, **empty, "score_low": None, "score_high": None}
        for label in weighted.entries
        if label not in index
    )
    return rows


def judge_rows(
    *,
    weighted: WeightedReviews,
    calibrations: Calibrations,
    agreement: Mapping[Label, Any],
    excluded: Sequence[Label] = (),
) -> list[dict[str, Any]]:
    """``judges``: every judge seen but those left out, with offsets and agreement figures."""
    offsets = {j.judge: j for j in calibrations.offset.judges}
    shrunk = {j.judge: j for j in calibrations.shrunk.fit.judges}
    share = calibrations.shrunk.corrected_share
    rows = []
    for label in weighted.judges:
        if label in excluded:
            continue
        o, s, a = offsets.get(label), shrunk.get(label), agreement.get(label)
        interval = None if a is None else a.correlation_interval
        rows.append(
            {
                "judge": label,
                "reviews": o.reviews if o else 0,
                "offset": o.offset if o else None,
                "offset_sd": o.offset_sd if o else None,
                "shrunk_offset": s.offset if s else None,
                "shrunk_offset_sd": s.offset_sd if s else None,
                "corrected_share": share.get(label),
                "agreement": None if a is None else a.correlation,
                "agreement_low": None if interval is None else interval[0],
                "agreement_high": None if interval is None else interval[1],
            }
        )
    return rows


def components_block(
    components: VarianceComponents | None,
    intervals: Mapping[str, Interval | None] | None,
    *,
    interval_method: str | None,
    resamples: int,
) -> dict[str, Any] | None:
    """``reliability.components``: the variance-components ICCs of any design."""
    if components is None:
        return None
    return {
        "form": "two-way crossed, REML (ICC_A: absolute agreement, ICC_C: consistency)",
        "entry_variance": components.entry_variance,
        "judge_variance": components.judge_variance,
        "residual_variance": components.residual_variance,
        "k": components.k,
        **components.iccs(),
        "intervals": {
            key: None
            if intervals is None or intervals.get(key) is None
            else intervals[key].as_dict()
            for key in COMPONENT_KEYS
        },
        "interval_method": interval_method,
        "resamples": resamples if interval_method == "bootstrap" else 0,
    }


def _bounds(intervals: Mapping[str, Any] | None, key: str) -> dict[str, float] | None:
    found = None if intervals is None else intervals.get(key)
    return None if found is None else found.as_dict()


def calibration_block(calibrations: Calibrations, *, pools_p: float | None) -> dict[str, Any]:
    """``calibration``: the shrunk model's variance estimates and the tests behind warnings."""
    s = calibrations.shrunk
    return {
        "variance_ratio": s.variance_ratio,
        "reml_variance_ratio": s.reml_variance_ratio,
        "judge_variance": s.judge_variance,
        "residual_variance": s.residual_variance,
        "judges_differ_p_value": s.p_value,
        "pools_differ_p_value": pools_p,
        "estimated": s.estimated,
    }


def unresolved_ties(ranked: Sequence[RankedItem]) -> list[dict[str, Any]]:
    ties: dict[int, list[Label]] = {}
    for r in ranked:
        if r.tied_with:
            ties.setdefault(r.rank, []).append(r.item)
    return [
        {"rank": rank, "entries": members, "resolution": "chair's decision"}
        for rank, members in ties.items()
    ]


def num(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value
