"""Kendall's W, the coefficient of concordance, with tie correction.

Each judge's scores are ranked over the entries (average ranks for ties);
``W = 12 S / (m^2 (n^3 - n) - m sum_j T_j)``, ``S`` the sum of squared deviations of the
entries' rank sums from their mean and ``T_j = sum (t^3 - t)`` over judge j's groups of ``t``
tied scores (Kendall & Babington Smith 1939; Siegel & Castellan 1988, section 9.4).  Requires
every judge to have scored every entry (``None`` otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.stats import rankdata

from .icc import _matrix, _safe_div
from .records import Label, Review
from .table import ReviewTable, as_table


def kendall_w(*, ratings: Sequence[Sequence[float]] | np.ndarray) -> float | None:
    """Kendall's W (tie-corrected) of a complete objects x judges matrix of scores or ranks."""
    x = _matrix(ratings)
    if x is None:
        return None
    n, m = x.shape
    if n < 2 or m < 2:
        return None
    ranks = rankdata(x, axis=0)  # average ranks within each judge's column
    totals = ranks.sum(axis=1)
    s = float(((totals - totals.mean()) ** 2).sum())
    ties = 0.0
    for column in x.T:
        _, t = np.unique(column, return_counts=True)
        ties += float((t.astype(float) ** 3 - t).sum())
    return _safe_div(12.0 * s, m * m * (n**3 - n) - m * ties)


def kendall_w_from_reviews(
    *, reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]]
) -> float | None:
    """Kendall's W over entries (objects) and judges; ``None`` unless every judge scored all."""
    table = as_table(reviews)
    return kendall_w(ratings=table.matrix()) if table.is_complete() else None
