"""What the chair should know about a round: warnings and the plain reading of reliability.

Everything here is a machine-readable ``{"code", "severity", "params"}`` record, so that the
results page can translate it (gettext) and the command line can print it (:mod:`.sentences`
holds the English).  Codes:

``method_unsafe`` (warning)
    The chosen method is one the simulation (``benchmarks/sim_calibration.py``) shows can rank
    worse than raw means in rounds like this one; ``params.reasons`` lists why and
    ``params.suggested`` the safe method (``shrunk``).  Reasons:

    * ``few_reviews_per_judge``: the median judge reviewed fewer than
      :data:`MIN_REVIEWS_PER_JUDGE` entries (``zscore``, ``offset``: a judge's mean and spread,
      or offset, from a handful of reviews is mostly noise);
    * ``pools_differ``: judges saw pools of entries of different quality (``zscore`` takes a
      strong pool for a lenient judge), by the permutation test below;
    * ``judges_do_not_differ``: the test of judge variance in :mod:`.shrinkage` finds none, so
      fitted offsets are noise (``offset``);
    * ``judges_differ`` (severity info, for ``mean``): judges do differ and not everyone scored
      everything, so raw means carry each entry's luck of the draw.
``disconnected_design`` (warning)
    The judge-entry graph falls into ``params.groups`` parts; calibrated scores are comparable
    only within one.
``judge_few_reviews`` (info)
    ``params.judge`` reviewed ``params.reviews`` entries, fewer than
    :data:`MIN_REVIEWS_FOR_CALIBRATION`; ``shrunk`` corrects about ``params.corrected_share`` of
    their leniency, ``offset`` all of it.
``single_review_entries``, ``incomplete_reviews`` (info): counts.
``no_intervals`` (info): no residual degrees of freedom, so no entry has an interval.

Pools of different quality: for each judge the mean calibrated quality of the entries they
reviewed ("pool"), and ``T = sum_j n_j (pool_j - overall)^2``; the p-value is the share of
:data:`POOL_PERMUTATIONS` permutations of the qualities over the entries (same design) with a
``T`` at least as large (a permutation test: Good, P. (2005), Permutation, Parametric and
Bootstrap Tests of Hypotheses, 3rd ed., Springer, chapter 3).  Pools differ when p <
:data:`POOL_LEVEL`.

Reliability reading (:func:`reliability_reading`): the ICC of the entries' final scores -
``ICC_Ak`` for raw means, ``ICC_Ck`` for calibrated scores (:mod:`.components`) - in the bands
of Koo, T. K. & Li, M. Y. (2016), A guideline of selecting and reporting intraclass correlation
coefficients for reliability research, J. Chiropractic Medicine 15, 155-163: below 0.5 poor,
0.5-0.75 moderate, 0.75-0.9 good, above 0.9 excellent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .methods import Calibrations
from .shrinkage import JUDGE_VARIANCE_TEST_LEVEL

MIN_REVIEWS_PER_JUDGE = 10
MIN_REVIEWS_FOR_CALIBRATION = 5
POOL_PERMUTATIONS = 400
POOL_LEVEL = 0.01
RELIABILITY_BANDS = ((0.9, "excellent"), (0.75, "good"), (0.5, "moderate"), (-np.inf, "poor"))


def pools_p_value(calibrations: Calibrations, *, seed: int) -> float | None:
    """Permutation p-value of "judges saw pools of different quality" (module docstring)."""
    table = calibrations.table
    if table.n_judges < 2 or table.n_entries < 3:
        return None
    quality = calibrations.shrunk.fit.qualities
    q = np.array([quality[label] for label in table.entries])
    e, j = table.entry_index, table.judge_index
    counts = table.judge_counts()

    entry_counts = table.entry_counts()

    def statistic(values: np.ndarray) -> float:
        pools = np.bincount(j, weights=values[e], minlength=table.n_judges) / counts
        overall = float(values @ entry_counts) / table.n_reviews
        return float(((pools - overall) ** 2 * counts).sum())

    observed = statistic(q)
    rng = np.random.default_rng(seed)
    at_least = sum(
        statistic(rng.permutation(q)) >= observed * (1 - 1e-12) for _ in range(POOL_PERMUTATIONS)
    )
    return (1 + at_least) / (1 + POOL_PERMUTATIONS)


def warnings_for(
    *,
    calibrations: Calibrations,
    method: str,
    pools_p: float | None,
    components: int,
    incomplete: int,
    intervals_available: bool,
) -> list[dict[str, Any]]:
    """The warnings of a round, in a stable order (module docstring for the codes)."""
    table = calibrations.table
    out: list[dict[str, Any]] = []
    if not table.n_reviews:
        return out
    judge_counts = table.judge_counts()
    median_reviews = float(np.median(judge_counts))
    shrunk = calibrations.shrunk
    differ = shrunk.p_value is not None and shrunk.p_value < JUDGE_VARIANCE_TEST_LEVEL
    reasons = []
    if method in ("zscore", "offset") and median_reviews < MIN_REVIEWS_PER_JUDGE:
        reasons.append("few_reviews_per_judge")
    if method == "zscore" and pools_p is not None and pools_p < POOL_LEVEL:
        reasons.append("pools_differ")
    if method == "offset" and shrunk.p_value is not None and not differ:
        reasons.append("judges_do_not_differ")
    params = {"method": method, "suggested": "shrunk", "median_reviews_per_judge": median_reviews}
    if reasons:
        out.append(_warning("method_unsafe", "warning", reasons=reasons, **params))
    elif method == "mean" and differ and not table.is_complete():
        out.append(_warning("method_unsafe", "info", reasons=["judges_differ"], **params))
    if components > 1:
        out.append(_warning("disconnected_design", "warning", groups=components))
    share = shrunk.corrected_share
    for i, label in enumerate(table.judges):
        if judge_counts[i] < MIN_REVIEWS_FOR_CALIBRATION:
            out.append(
                _warning(
                    "judge_few_reviews",
                    "info",
                    judge=label,
                    reviews=int(judge_counts[i]),
                    minimum=MIN_REVIEWS_FOR_CALIBRATION,
                    corrected_share=share.get(label, 0.0),
                )
            )
    singles = [
        label for label, n in zip(table.entries, table.entry_counts(), strict=True) if n == 1
    ]
    if singles:
        out.append(
            _warning("single_review_entries", "info", count=len(singles), entries=singles[:10])
        )
    if incomplete:
        out.append(_warning("incomplete_reviews", "info", count=incomplete))
    if not intervals_available:
        out.append(_warning("no_intervals", "info"))
    return out


def reliability_reading(
    *,
    method: str,
    components: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """``{"code", "params"}``: how reliable the final scores are, in Koo & Li's bands."""
    key = "ICC_Ak" if method == "mean" else "ICC_Ck"
    value = None if components is None else components.get(key)
    if value is None:
        return {"code": "reliability_unknown", "params": {"figure": key}}
    band = next(name for bound, name in RELIABILITY_BANDS if value > bound or bound == -np.inf)
    interval = (components.get("intervals") or {}).get(key)
    return {
        "code": f"reliability_{band}",
        "params": {
            "figure": key,
            "value": value,
            "low": None if interval is None else interval["low"],
            "high": None if interval is None else interval["high"],
            "k": components.get("k"),
            "band": band,
        },
    }


def _warning(code: str, severity: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "severity": severity, "params": params}


def judge_flag_code(rule: str, value: float) -> str:
    if rule == "deviation":
        return "judge_lenient" if value > 0 else "judge_severe"
    return "judge_disagrees"


def flags_as_records(flags: Sequence[Any], agreement: Mapping[Any, Any]) -> list[dict[str, Any]]:
    """Judge flags with the old keys plus ``code``, ``params`` and the evidence's interval."""
    out = []
    for f in flags:
        a = agreement[f.judge]
        interval = a.deviation_interval if f.rule == "deviation" else a.correlation_interval
        out.append(
            {
                "judge": f.judge,
                "rule": f.rule,
                "value": f.value,
                "threshold": f.threshold,
                "message": f.message,
                "code": judge_flag_code(f.rule, f.value),
                "params": {
                    "judge": f.judge,
                    "value": f.value,
                    "threshold": f.threshold,
                    "shared": a.shared,
                    "low": None if interval is None else interval[0],
                    "high": None if interval is None else interval[1],
                },
            }
        )
    return out
