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
    * ``incomplete_reviews``: reviews left out because criteria are missing;
    * ``excluded_judges``: judges left out on request (the what-if view, ``exclude_judges``);
    * ``calibration``: the shrunk model's variance estimates and test p-values;
    * ``robustness``: the verdict over leave-one-judge-out and other-method variants
      (:mod:`.robustness`), with English ``sentences``;
    * ``warnings``: ``{"code", "severity", "params", "message"}`` records (:mod:`.advice`).

    Entries also carry ``shrunk``, ``score`` (under ``method``) and its interval
    ``score_low``/``score_high`` (:mod:`.entry_intervals`); judges their ``shrunk_offset`` and
    agreement; ``reliability`` adds ``icc_intervals`` (complete designs), ``components`` (any
    design), ``alpha_interval`` and ``reading`` (what the figures mean for this round).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .advice import flags_as_records, pools_p_value, reliability_reading, warnings_for
from .aggregate import entry_statistics
from .alpha import alpha_all_levels
from .calibration import DEFAULT_RIDGE
from .columns import ScoreColumns, as_score_columns
from .components import variance_components
from .entry_intervals import entry_intervals
from .icc import icc_from_reviews, icc_intervals_from_reviews
from .judge_agreement import deviating_judges, judge_agreement
from .kendall import kendall_w_from_reviews
from .methods import DEFAULT_METHOD, METHODS, RANKING_METHODS, Calibrations, check_method
from .ranking import DEFAULT_TIE_BREAK, RankedItem, validate_tie_break
from .records import Criterion, Label, ScoreRow, label_key
from .reliability import criterion_agreement
from .reliability_intervals import alpha_interval, component_intervals
from .result_parts import (
    calibration_block,
    components_block,
    entry_rows,
    judge_rows,
    num,
    unresolved_ties,
)
from .robustness import rank_table, variants, verdict
from .sentences import reliability_text, robustness_text, warning_text
from .stability import DEFAULT_CONFIDENCE, BootstrapResult, bootstrap_ranking
from .table import ReviewTable
from .weighting import WeightedReviews, weighted_reviews

__all__ = ["DEFAULT_METHOD", "DEFAULT_TOP_N", "METHODS", "RANKING_METHODS", "analyse"]

DEFAULT_TOP_N = 10
MAX_RELIABILITY_RESAMPLES = 200
_RESAMPLED_REVIEWS_BUDGET = 2_000_000  # reviews refitted over all ICC resamples (about 2 s)


def analyse(
    *,
    reviews: ScoreColumns | Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
    method: str = DEFAULT_METHOD,
    top_n: int = DEFAULT_TOP_N,
    bootstrap: int = 1000,
    seed: int = 0,
    tie_break: Sequence[str] = DEFAULT_TIE_BREAK,
    ridge: float = DEFAULT_RIDGE,
    confidence: float = DEFAULT_CONFIDENCE,
    exclude_judges: Iterable[Label] = (),
    robustness: bool = True,
) -> dict[str, Any]:
    """Analyse criterion scores and return plain data (see the module docstring for keys).

    ``reviews`` are the raw ``(entry, judge, criterion, score)`` rows (or
    :class:`~.columns.ScoreColumns`); ``criteria`` the rubric (``None``: every criterion weighs
    1 and the scale is the observed score range).  ``method`` picks the score that ranks (one
    of :data:`~.methods.RANKING_METHODS`).  ``bootstrap=0`` skips every bootstrap
    (``top_probability`` and the bootstrap intervals are then ``None``).  ``exclude_judges``
    analyses the data as if those judges had not taken part (the data are not changed);
    ``robustness=False`` skips the variants.  Raises :class:`~.records.InputError` on invalid
    rows and ``ValueError`` on invalid options.
    """
    rules = _check_options(method, top_n, bootstrap, confidence, tie_break)
    columns = as_score_columns(reviews)
    excluded = _excluded(columns, exclude_judges)
    weighted = weighted_reviews(
        scores=columns.without_judges(excluded) if excluded else columns, criteria=criteria
    )
    calibrations = Calibrations(table=weighted.table, ridge=ridge)
    ranked = rank_table(calibrations, method=method, rules=rules)
    boot = None
    if bootstrap and weighted.table.n_entries:
        boot = bootstrap_ranking(
            reviews=calibrations.adjusted(method),
            order=[r.item for r in ranked],
            top_n=top_n,
            resamples=bootstrap,
            seed=seed,
            confidence=confidence,
        )
    round_ = _Round(
        weighted=weighted,
        calibrations=calibrations,
        ranked=ranked,
        boot=boot,
        method=method,
        rules=rules,
        top_n=top_n,
        bootstrap=bootstrap,
        seed=seed,
        confidence=confidence,
        excluded=excluded,
    )
    return _ranking_keys(round_, robustness=robustness) | _diagnostic_keys(round_)


@dataclass(frozen=True, eq=False)
class _Round:
    """What :func:`analyse` computed before reporting: the inputs of the two key builders."""

    weighted: WeightedReviews
    calibrations: Calibrations
    ranked: list[RankedItem]
    boot: BootstrapResult | None
    method: str
    rules: tuple[str, ...]
    top_n: int
    bootstrap: int
    seed: int
    confidence: float
    excluded: list[Label]


def _ranking_keys(r: _Round, *, robustness: bool) -> dict[str, Any]:
    """The documented keys and the ranking's own: entries, judges, reliability, robustness."""
    table = r.weighted.table
    intervals = entry_intervals(r.calibrations, method=r.method, confidence=r.confidence)
    agreement = {a.judge: a for a in judge_agreement(reviews=table)}
    top_n = min(r.top_n, max(table.n_entries, 1))
    robust = verdict(
        ranked=r.ranked,
        variants=variants(r.calibrations, method=r.method, rules=r.rules) if robustness else [],
        top_n=top_n,
    )
    robust["sentences"] = robustness_text(robust, top_n=top_n)
    return {
        "method": r.method,
        "entries": entry_rows(
            ranked=r.ranked,
            weighted=r.weighted,
            calibrations=r.calibrations,
            stats=entry_statistics(table),
            method=r.method,
            intervals=intervals,
            top_probability=None if r.boot is None else r.boot.top_probability,
        ),
        "judges": judge_rows(
            weighted=r.weighted,
            calibrations=r.calibrations,
            agreement=agreement,
            excluded=r.excluded,
        ),
        "reliability": _reliability(
            table,
            r.calibrations,
            method=r.method,
            confidence=r.confidence,
            bootstrap=r.bootstrap,
            seed=r.seed,
        ),
        "flags": flags_as_records(deviating_judges(agreement=list(agreement.values())), agreement),
        "judge_agreement": _judge_agreement(r.calibrations, agreement),
        "robustness": robust,
    }


def _diagnostic_keys(r: _Round) -> dict[str, Any]:
    """Scale, rubric, options, statistics, ties, the design and the warnings."""
    table, boot, calibrations = r.weighted.table, r.boot, r.calibrations
    stats = entry_statistics(table)
    by_rank = {item.item: i for i, item in enumerate(r.ranked)}
    pools_p = pools_p_value(calibrations, seed=r.seed) if table.n_reviews else None
    intervals = entry_intervals(calibrations, method=r.method, confidence=r.confidence)
    advice = warnings_for(
        calibrations=calibrations,
        method=r.method,
        pools_p=pools_p,
        components=len(calibrations.offset.components),
        incomplete=len(r.weighted.incomplete),
        intervals_available=any(v is not None for v in intervals.values()),
    )
    return {
        "scale": {"min": r.weighted.scale[0], "max": r.weighted.scale[1]},
        "criteria": _criteria(r.weighted),
        "top_n": boot.top_n if boot else min(r.top_n, table.n_entries),
        "bootstrap": {"resamples": r.bootstrap, "seed": r.seed, "confidence": r.confidence},
        "tie_break": list(r.rules),
        "entry_statistics": [
            {
                "entry": label,
                "trimmed_mean": num(stats["trimmed_mean"][i]),
                "sd": num(stats["sd"][i]),
                "min": num(stats["minimum"][i]),
                "max": num(stats["maximum"][i]),
            }
            for i, label in sorted(enumerate(table.entries), key=lambda p: by_rank[p[1]])
        ],
        "components": [
            {"judges": list(c.judges), "entries": list(c.entries)}
            for c in calibrations.offset.components
        ],
        "residual_sd": calibrations.offset.residual_sd,
        "ties": unresolved_ties(r.ranked),
        "statistical_ties": []
        if boot is None
        else [
            {"entry": n.entry, "next_entry": n.next_entry, "probability_above": n.probability_above}
            for n in boot.neighbours
            if n.statistical_tie
        ],
        "incomplete_reviews": [
            {"entry": ir.entry, "judge": ir.judge, "missing": list(ir.missing)}
            for ir in r.weighted.incomplete
        ],
        "excluded_judges": r.excluded,
        "calibration": calibration_block(calibrations, pools_p=pools_p),
        "warnings": [w | {"message": warning_text(w)} for w in advice],
    }


def _check_options(
    method: str, top_n: int, bootstrap: int, confidence: float, tie_break: Sequence[str]
) -> tuple[str, ...]:
    check_method(method)
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    if bootstrap < 0:
        raise ValueError("bootstrap must be 0 (off) or a number of resamples")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return validate_tie_break(tie_break)


def _excluded(columns: ScoreColumns, exclude_judges: Iterable[Label]) -> list[Label]:
    wanted = list(dict.fromkeys(exclude_judges))
    known = set(columns.judges)
    unknown = [j for j in wanted if j not in known]
    if unknown:
        raise ValueError(f"judge {unknown[0]!r} to leave out has no scores")
    return sorted(wanted, key=label_key)


def _reliability(
    table: ReviewTable,
    calibrations: Calibrations,
    *,
    method: str,
    confidence: float,
    bootstrap: int,
    seed: int,
) -> dict[str, Any]:
    """The documented ``icc``/``kendall_w``/``alpha`` plus intervals, components and reading."""
    shrunk = calibrations.shrunk
    components = variance_components(table, judge_variance=shrunk.judge_variance)
    complete = table.is_complete()
    icc_intervals = icc_intervals_from_reviews(reviews=table, confidence=confidence)
    resamples = 0
    if complete and icc_intervals is not None:
        keys = {"ICC_A1": "ICC2", "ICC_Ak": "ICC2k", "ICC_C1": "ICC3", "ICC_Ck": "ICC3k"}
        component_ci = {key: icc_intervals[sf] for key, sf in keys.items()}
        component_ci = {k: None if v is None else _Bounds(**v) for k, v in component_ci.items()}
        interval_method = "F"
    elif components is not None and bootstrap:
        # Each resample refits two REML models: bounded by the bootstrap size asked for, a
        # ceiling, and a budget of refitted reviews that keeps a large round near two seconds.
        resamples = min(
            bootstrap,
            MAX_RELIABILITY_RESAMPLES,
            max(20, _RESAMPLED_REVIEWS_BUDGET // table.n_reviews),
        )
        component_ci = component_intervals(
            table, components, resamples=resamples, seed=seed, confidence=confidence
        )
        interval_method = "bootstrap"
    else:
        component_ci, interval_method = None, None
    block = components_block(
        components, component_ci, interval_method=interval_method, resamples=resamples
    )
    alpha_ci = alpha_interval(table, resamples=bootstrap, seed=seed, confidence=confidence)
    reading = reliability_reading(method=method, components=block)
    return {
        "icc": icc_from_reviews(reviews=table),
        "kendall_w": kendall_w_from_reviews(reviews=table),
        "alpha": alpha_all_levels(reviews=table),
        "icc_intervals": icc_intervals,
        "components": block,
        "alpha_interval": None if alpha_ci is None else alpha_ci.as_dict(),
        "reading": reading | {"message": reliability_text(reading)},
    }


class _Bounds:
    """An F interval in the shape of a bootstrap :class:`~.reliability_intervals.Interval`."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high}


def _criteria(weighted: Any) -> list[dict[str, Any]]:
    per_criterion = {c.criterion: c for c in criterion_agreement(tables=weighted.by_criterion)}
    out = []
    for c in weighted.criteria:
        agreement_c = per_criterion.get(c.name)
        out.append(
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
    return out


def _judge_agreement(calibrations: Calibrations, agreement: Mapping[Label, Any]) -> list[dict]:
    z_params = {z.judge: z for z in calibrations.zscore.judges}
    return [
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
        for a in agreement.values()
    ]
