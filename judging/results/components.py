"""Intraclass correlations of any design, from variance components.

Shrout & Fleiss's mean squares (:mod:`.icc`) need every judge to score every entry; a jury
where each judge sees a few entries gets no ICC from them.  The same coefficients are ratios of
variance components of the crossed model ``x[e, j] = mu + a[e] + b[j] + noise`` (McGraw, K. O. &
Wong, S. P. (1996), Psychological Methods 1(1), 30-46, cases 2A and 3), which any design can
estimate:

* ``s2_entry``, the variance of the entries' true quality, and ``s2`` (residual) by REML with
  the *judges as fixed* effects and entries random;
* ``s2_judge``, the variance of the judges' leniency, by REML with the *entries as fixed*
  effects (:mod:`.shrinkage`, the fit behind the ``shrunk`` method).

Each fit treats the other factor as fixed, as Henderson's "fitting constants" (method III)
does: the error contrasts free of that factor have a likelihood of their own, so each estimate
is a proper REML estimate (Searle, Casella & McCulloch 1992, sections 5.3 and 6.6) and none of
them assumes how the judges were allotted to entries.  For a complete design with positive
components they reproduce the ANOVA estimates, so the figures equal Shrout & Fleiss's:

* ``ICC_A1 = s2_entry / (s2_entry + s2_judge + s2)``: absolute agreement of one review
  (McGraw & Wong's ICC(A,1), Shrout & Fleiss's ICC(2,1));
* ``ICC_C1 = s2_entry / (s2_entry + s2)``: consistency of one review once each judge's
  leniency is taken out (ICC(C,1), Shrout & Fleiss's ICC(3,1));
* ``ICC_Ak``, ``ICC_Ck``: the same for the mean of ``k`` reviews, the harmonic mean of the
  reviews per entry (so that ``s2 / k`` is the average error variance of an entry's mean).
  ``ICC_Ak`` is the reliability of raw means, ``ICC_Ck`` that of calibrated scores.

REML with judges fixed
    ``V = s2 H``, ``H = I + gamma Z Z'`` with ``Z`` the entry incidence, is block-diagonal by
    entry, so ``log|H| = sum_e log(1 + gamma n_e)`` and ``H^-1 = I - Z diag(w) Z'`` with
    ``w_e = gamma / (1 + gamma n_e)``.  Then ``X'H^-1 X = D_j - N' diag(w) N`` (``J x J``,
    Cholesky), and the profiled criterion is
    ``(n - J) log(r'H^-1 r) + sum_e log(1 + gamma n_e) + log|X'H^-1 X|`` (Searle et al. 1992,
    eq. 6.67), minimised over ``log gamma`` like :func:`.shrinkage.estimate_variance_ratio`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg import cho_factor, cho_solve

from .shrinkage import fit_shrunk, minimise_over_log
from .table import ReviewTable

COMPONENT_KEYS = ("ICC_A1", "ICC_Ak", "ICC_C1", "ICC_Ck")
MAX_JUDGES = 1000
"""Largest jury for the judges-fixed fit (a ``J x J`` Cholesky factorisation per step)."""

_LOG_GAMMA = (-14.0, 14.0)


@dataclass(frozen=True, slots=True)
class VarianceComponents:
    entry_variance: float
    judge_variance: float
    residual_variance: float
    k: float
    """Harmonic mean of the reviews per entry."""

    def iccs(self) -> dict[str, float | None]:
        se, sj, s2, k = self.entry_variance, self.judge_variance, self.residual_variance, self.k
        return {
            "ICC_A1": _ratio(se, se + sj + s2),
            "ICC_Ak": _ratio(se, se + (sj + s2) / k),
            "ICC_C1": _ratio(se, se + s2),
            "ICC_Ck": _ratio(se, se + s2 / k),
        }


class _JudgesFixed:
    """The REML criterion of the entries-random, judges-fixed model for one table."""

    def __init__(self, table: ReviewTable) -> None:
        self.n_j = table.n_judges
        self.n = table.n_reviews
        self.e, self.j = table.entry_index, table.judge_index
        y = table.scores - table.scores.mean()  # the judges' constants absorb any shift
        self.n_e = np.bincount(self.e, minlength=table.n_entries).astype(float)
        self.sum_e = np.bincount(self.e, weights=y, minlength=table.n_entries)
        self.sum_j = np.bincount(self.j, weights=y, minlength=self.n_j)
        self.count_j = np.bincount(self.j, minlength=self.n_j).astype(float)
        self.yy = float(y @ y)
        # Every ordered pair of reviews of one entry, as a cell of the J x J matrix N' diag(w) N
        # (rows are sorted by entry, so an entry's reviews are contiguous).
        m = self.n_e.astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(m)[:-1]))
        owner = np.repeat(np.arange(len(m)), m * m)
        k = np.arange(int((m * m).sum())) - np.repeat(np.cumsum(m * m) - m * m, m * m)
        first = self.j[starts[owner] + k // m[owner]]
        second = self.j[starts[owner] + k % m[owner]]
        self.pair_cell = first * self.n_j + second
        self.pair_entry = owner

    def _parts(self, gamma: float) -> tuple[float, float] | None:
        """``(r'H^-1 r, log|X'H^-1 X|)`` at ``gamma``; ``None`` if ``X'H^-1 X`` is singular."""
        w = gamma / (1.0 + gamma * self.n_e)
        cross = np.bincount(
            self.pair_cell, weights=w[self.pair_entry], minlength=self.n_j * self.n_j
        ).reshape(self.n_j, self.n_j)
        xhx = np.diag(self.count_j) - cross
        xhy = self.sum_j - np.bincount(self.j, weights=(w * self.sum_e)[self.e], minlength=self.n_j)
        try:
            factor = cho_factor(xhx, lower=True, check_finite=False)
        except np.linalg.LinAlgError:
            return None
        beta = cho_solve(factor, xhy, check_finite=False)
        rss = self.yy - float((w * self.sum_e**2).sum()) - float(beta @ xhy)
        return rss, 2.0 * float(np.log(np.diag(factor[0])).sum())

    def criterion(self, gamma: float) -> float:
        parts = self._parts(gamma)
        if parts is None:
            return math.inf
        rss, logdet = parts
        if rss <= 0:
            return -math.inf
        log_h = float(np.log1p(gamma * self.n_e).sum())
        return (self.n - self.n_j) * math.log(rss) + log_h + logdet

    def residual_variance(self, gamma: float) -> float:
        parts = self._parts(gamma)
        return 0.0 if parts is None else max(parts[0], 0.0) / (self.n - self.n_j)


def entry_variance_reml(table: ReviewTable, *, near: float | None = None) -> tuple[float, float]:
    """``(s2_entry, s2)`` by REML with judges fixed (module docstring)."""
    model = _JudgesFixed(table)
    if model.n - model.n_j <= 0:
        raise ValueError("no residual degrees of freedom")
    lo, hi = _LOG_GAMMA
    points = 13
    if near is not None and near > 0:
        lo, hi, points = max(lo, math.log(near) - 2.0), min(hi, math.log(near) + 2.0), 7
    gamma = minimise_over_log(model.criterion, lo, hi, points)
    if model.criterion(0.0) <= model.criterion(gamma):
        gamma = 0.0
    s2 = model.residual_variance(gamma)
    return gamma * s2, s2


def variance_components(
    table: ReviewTable, *, judge_variance: float | None = None, near: float | None = None
) -> VarianceComponents | None:
    """The components of ``table`` (``None`` if they cannot be estimated).

    ``judge_variance`` may pass the entries-fixed estimate when it is already known (the
    ``shrunk`` fit of the same table); ``near`` narrows the judges-fixed search.
    """
    n_e = table.entry_counts()
    if table.n_judges > MAX_JUDGES or table.n_entries < 2 or table.n_judges < 1:
        return None
    if table.n_reviews - table.n_judges <= 0 or table.n_reviews - table.n_entries <= 0:
        return None
    if judge_variance is None:
        judge_variance = fit_shrunk(table, standard_errors=False).judge_variance
    if judge_variance is None:
        return None
    entry_var, s2 = entry_variance_reml(table, near=near)
    return VarianceComponents(
        entry_variance=entry_var,
        judge_variance=judge_variance,
        residual_variance=s2,
        k=float(len(n_e) / (1.0 / n_e).sum()),
    )


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator <= 0 else float(numerator / denominator)
