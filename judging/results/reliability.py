"""How far the judges agree, under one name: ICC, Krippendorff's alpha, Kendall's W, per judge.

The code lives in modules named for what they hold: :mod:`.icc` (Shrout & Fleiss ICCs of a
complete design and their F intervals), :mod:`.components` (ICCs of any design from variance
components), :mod:`.alpha` (Krippendorff's alpha), :mod:`.kendall` (Kendall's W),
:mod:`.judge_agreement` (each judge against their colleagues, and who stands out) and
:mod:`.reliability_intervals` (bootstrap intervals).  This module keeps the names importable
from ``judging.results.reliability`` and holds the per-criterion summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .alpha import (
    LEVELS,
    Level,
    alpha_all_levels,
    alpha_from_reviews,
    alpha_from_values,
    krippendorff_alpha,
)
from .icc import ICC_KEYS, icc, icc_from_reviews, icc_intervals, icc_intervals_from_reviews
from .judge_agreement import (
    CORRELATION_THRESHOLD,
    DEVIATION_THRESHOLD_SD,
    MIN_SHARED_FOR_CORRELATION,
    MIN_SHARED_FOR_CORRELATION_VALUE,
    MIN_SHARED_FOR_DEVIATION,
    JudgeAgreement,
    JudgeFlag,
    deviating_judges,
    judge_agreement,
    pooled_within_entry_sd,
)
from .kendall import kendall_w, kendall_w_from_reviews
from .table import ReviewTable

__all__ = [
    "CORRELATION_THRESHOLD",
    "DEVIATION_THRESHOLD_SD",
    "ICC_KEYS",
    "LEVELS",
    "MIN_SHARED_FOR_CORRELATION",
    "MIN_SHARED_FOR_CORRELATION_VALUE",
    "MIN_SHARED_FOR_DEVIATION",
    "CriterionAgreement",
    "JudgeAgreement",
    "JudgeFlag",
    "Level",
    "alpha_all_levels",
    "alpha_from_reviews",
    "alpha_from_values",
    "criterion_agreement",
    "deviating_judges",
    "icc",
    "icc_from_reviews",
    "icc_intervals",
    "icc_intervals_from_reviews",
    "judge_agreement",
    "kendall_w",
    "kendall_w_from_reviews",
    "krippendorff_alpha",
    "pooled_within_entry_sd",
]


@dataclass(frozen=True, slots=True)
class CriterionAgreement:
    criterion: str
    reviews: int
    alpha_interval: float | None
    icc: dict[str, float | None] | None


def criterion_agreement(*, tables: Mapping[str, ReviewTable]) -> list[CriterionAgreement]:
    """Interval alpha (any design) and ICCs (complete designs) of each criterion's raw scores."""
    return [
        CriterionAgreement(
            criterion=name,
            reviews=table.n_reviews,
            alpha_interval=alpha_from_reviews(reviews=table, level="interval"),
            icc=icc_from_reviews(reviews=table),
        )
        for name, table in tables.items()
    ]
