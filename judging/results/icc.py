"""Intraclass correlations of a complete design, with their F-based confidence intervals.

Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
reliability. Psychological Bulletin 86(2), 420-428.  For ``n`` targets (entries) each rated by
the same ``k`` judges, from the two-way ANOVA mean squares ``BMS`` (between targets), ``JMS``
(between judges), ``WMS`` (within targets) and ``EMS`` (residual):

* ICC(1,1) = (BMS - WMS) / (BMS + (k-1) WMS)          one-way random, single rating
* ICC(2,1) = (BMS - EMS) / (BMS + (k-1) EMS + k (JMS - EMS) / n)   two-way random, absolute
* ICC(3,1) = (BMS - EMS) / (BMS + (k-1) EMS)          two-way mixed, consistency
* ICC(1,k) = (BMS - WMS) / BMS,  ICC(2,k) = (BMS - EMS) / (BMS + (JMS - EMS) / n),
  ICC(3,k) = (BMS - EMS) / BMS                       the same for the mean of k ratings.

They need a complete (fully crossed) design; otherwise the functions return ``None`` (see
:mod:`.components` for incomplete designs).  A coefficient whose denominator is zero (no
variation at all) is ``None``.

Confidence intervals (:func:`icc_intervals`) are the exact F intervals of Shrout & Fleiss
(1979, pp. 424-425) and McGraw, K. O. & Wong, S. P. (1996), Forming inferences about some
intraclass correlation coefficients, Psychological Methods 1(1), 30-46, Table 7:

* ICC(1,*) from ``F = BMS / WMS`` on ``(n-1, n(k-1))`` degrees of freedom and ICC(3,*) from
  ``F = BMS / EMS`` on ``(n-1, (n-1)(k-1))``: with ``FL = F / F_{1-a/2}(df1, df2)`` and
  ``FU = F * F_{1-a/2}(df2, df1)`` the single-rating bounds are ``(FL-1)/(FL+k-1)`` and
  ``(FU-1)/(FU+k-1)``, the average-rating bounds ``1 - 1/FL`` and ``1 - 1/FU``;
* ICC(2,1) has no exact interval; Satterthwaite's approximate degrees of freedom ``v`` give
  ``n (BMS - F* EMS) / (F* (k JMS + (kn - k - n) EMS) + n BMS)`` and
  ``n (F** BMS - EMS) / (k JMS + (kn - k - n) EMS + n F** BMS)`` with ``F* = F_{1-a/2}(n-1, v)``
  and ``F** = F_{1-a/2}(v, n-1)``; ICC(2,k)'s bounds are those stepped up by Spearman-Brown,
  ``k L / (1 + (k-1) L)``, as R's psych::ICC does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import f as f_distribution

from .records import Label, Review
from .table import ReviewTable, as_table

ICC_KEYS = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")


@dataclass(frozen=True, slots=True)
class MeanSquares:
    n: int
    k: int
    bms: float
    jms: float
    wms: float
    ems: float


def mean_squares(ratings: Sequence[Sequence[float]] | np.ndarray) -> MeanSquares | None:
    """Two-way ANOVA mean squares of a complete targets x judges matrix (``None`` otherwise)."""
    x = _matrix(ratings)
    if x is None:
        return None
    n, k = x.shape
    if n < 2 or k < 2:
        return None
    grand = x.mean()
    ss_total = float(((x - grand) ** 2).sum())
    ss_between = float(k * ((x.mean(axis=1) - grand) ** 2).sum())
    ss_judges = float(n * ((x.mean(axis=0) - grand) ** 2).sum())
    return MeanSquares(
        n=n,
        k=k,
        bms=ss_between / (n - 1),
        jms=ss_judges / (k - 1),
        wms=(ss_total - ss_between) / (n * (k - 1)),
        ems=(ss_total - ss_between - ss_judges) / ((n - 1) * (k - 1)),
    )


def icc(*, ratings: Sequence[Sequence[float]] | np.ndarray) -> dict[str, float | None] | None:
    """Shrout & Fleiss ICCs of a complete targets x judges matrix (``None`` if incomplete).

    Missing ratings may be given as ``None`` or ``nan``; any makes the design incomplete.
    """
    ms = mean_squares(ratings)
    if ms is None:
        return None
    n, k, bms, jms, wms, ems = ms.n, ms.k, ms.bms, ms.jms, ms.wms, ms.ems
    return {
        "ICC1": _safe_div(bms - wms, bms + (k - 1) * wms),
        "ICC2": _safe_div(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        "ICC3": _safe_div(bms - ems, bms + (k - 1) * ems),
        "ICC1k": _safe_div(bms - wms, bms),
        "ICC2k": _safe_div(bms - ems, bms + (jms - ems) / n),
        "ICC3k": _safe_div(bms - ems, bms),
    }


def icc_intervals(
    *, ratings: Sequence[Sequence[float]] | np.ndarray, confidence: float = 0.95
) -> dict[str, dict[str, float] | None] | None:
    """F-based ``{"low", "high"}`` bounds of each ICC (module docstring); ``None`` if incomplete.

    A coefficient's interval is ``None`` when its mean squares leave it undefined (no spread).
    """
    ms = mean_squares(ratings)
    if ms is None:
        return None
    n, k, bms, jms, wms, ems = ms.n, ms.k, ms.bms, ms.jms, ms.wms, ms.ems
    tail = 1.0 - (1.0 - confidence) / 2.0
    out: dict[str, dict[str, float] | None] = dict.fromkeys(ICC_KEYS)
    for single, average, error, df2 in (
        ("ICC1", "ICC1k", wms, n * (k - 1)),
        ("ICC3", "ICC3k", ems, (n - 1) * (k - 1)),
    ):
        if error > 0 and bms > 0:
            f0 = bms / error
            fl = f0 / f_distribution.ppf(tail, n - 1, df2)
            fu = f0 * f_distribution.ppf(tail, df2, n - 1)
            out[single] = {"low": (fl - 1) / (fl + k - 1), "high": (fu - 1) / (fu + k - 1)}
            out[average] = {"low": 1 - 1 / fl, "high": 1 - 1 / fu}
    rho = icc(ratings=ratings)["ICC2"]
    # A degenerate design gives undefined quantiles: caught below rather than warned about here.
    with np.errstate(invalid="ignore", divide="ignore"):
        _icc2_interval(out, rho=rho, n=n, k=k, bms=bms, jms=jms, ems=ems, tail=tail)
    return _finite(out)


def _icc2_interval(out, *, rho, n, k, bms, jms, ems, tail) -> None:
    """McGraw & Wong (1996), case 2A: the interval of ICC(A,1) and ICC(A,k) via Satterthwaite's
    degrees of freedom for the judges' and residual mean squares."""
    if rho is not None and ems > 0 and bms > 0:
        fj = jms / ems
        a = n * (1 + (k - 1) * rho) - k * rho
        v = (k - 1) * (n - 1) * (k * rho * fj + a) ** 2
        v /= (n - 1) * k * k * rho * rho * fj * fj + a * a
        f_star = f_distribution.ppf(tail, n - 1, v)
        f_star2 = f_distribution.ppf(tail, v, n - 1)
        c = k * jms + (k * n - k - n) * ems
        low = n * (bms - f_star * ems) / (f_star * c + n * bms)
        high = n * (f_star2 * bms - ems) / (c + n * f_star2 * bms)
        out["ICC2"] = {"low": low, "high": high}
        out["ICC2k"] = {
            "low": k * low / (1 + (k - 1) * low),
            "high": k * high / (1 + (k - 1) * high),
        }


def _finite(out: dict) -> dict:
    # Degenerate designs (no spread at all) make the F quantiles undefined: no interval then,
    # rather than NaN, which would also compare unequal to itself.
    return {
        key: None
        if v is None or not all(math.isfinite(x) for x in v.values())
        else {b: float(x) for b, x in v.items()}
        for key, v in out.items()
    }


def icc_from_reviews(
    *, reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]]
) -> dict[str, float | None] | None:
    """ICCs with entries as targets and judges as raters; ``None`` unless fully crossed."""
    table = as_table(reviews)
    return icc(ratings=table.matrix()) if table.is_complete() else None


def icc_intervals_from_reviews(
    *,
    reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]],
    confidence: float = 0.95,
) -> dict[str, dict[str, float] | None] | None:
    table = as_table(reviews)
    if not table.is_complete():
        return None
    return icc_intervals(ratings=table.matrix(), confidence=confidence)


def _matrix(ratings: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray | None:
    if isinstance(ratings, np.ndarray):
        x = ratings.astype(float)
    else:
        x = np.array(
            [[np.nan if v is None else float(v) for v in row] for row in ratings], dtype=float
        )
    if x.ndim != 2 or x.size == 0 or np.isnan(x).any():
        return None
    return x


def _safe_div(numerator: float, denominator: float) -> float | None:
    if denominator == 0 or not math.isfinite(denominator):
        return None
    return float(numerator / denominator)
