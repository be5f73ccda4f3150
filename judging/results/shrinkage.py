"""Judge offsets as random effects, with the amount of shrinkage estimated from the data.

The model (method ``shrunk``)
    ``x[e, j] = q[e] + b[j] + noise`` with entry qualities ``q`` as *fixed* effects, judge
    offsets ``b[j] ~ N(0, s2_judge)`` as random effects and ``noise ~ N(0, s2)``.  Entries are
    fixed on purpose: shrinking entries towards a common mean is wrong when panels saw pools of
    different quality, while shrinking judges towards "no bias" is exactly the caution a small
    number of reviews calls for.  Given ``gamma = s2_judge / s2`` the best linear unbiased
    predictions solve Henderson's mixed model equations (Henderson, C. R. (1975), Best linear
    unbiased estimation and prediction under a selection model, Biometrics 31, 423-447), which
    are the least-squares problem ``sum (x - q - b)^2 + sum b^2 / gamma``: the ridge fit of
    :mod:`.calibration` with a ridge of ``1 / gamma`` chosen by the data instead of fixed.

    * ``gamma = 0`` (judges do not differ beyond noise): every offset is 0, qualities are the
      raw means;
    * large ``gamma`` and many reviews per judge: offsets approach the unpenalised fit;
    * the calibration uses the REML ``gamma`` only when the judges' variance is distinguishable
      from zero: a likelihood-ratio test of ``gamma = 0`` on the boundary of the parameter
      space, whose null distribution is the 50:50 mixture of chi-square(0) and chi-square(1)
      (Self, S. G. & Liang, K.-Y. (1987), JASA 82, 605-610; Stram, D. O. & Lee, J. W. (1994),
      Biometrics 50, 1171-1177), at level :data:`JUDGE_VARIANCE_TEST_LEVEL`.  Without it a jury
      without real bias would get offsets fitted to noise in about half of all rounds, a small
      but systematic loss against raw means (the simulation shows it);
    * a judge with ``n`` reviews has their leniency corrected by about
      ``n gamma / (1 + n gamma)`` (:attr:`ShrunkFit.corrected_share`), so a judge with two
      reviews is barely adjusted.

Estimating ``gamma`` by REML (Patterson, H. D. & Thompson, R. (1971), Biometrika 58, 545-554;
Searle, S. R., Casella, G. & McCulloch, C. E. (1992), Variance Components, Wiley, section 6.6)
    With the qualities eliminated, ``S = D_j - N' D_e^-1 N`` is the judges' Schur complement
    (the co-review Laplacian of :mod:`.calibration`), ``r = sum_j - N' D_e^-1 sum_e`` the
    reduced right-hand side and ``W`` the within-entry sum of squares.  In the eigenbasis
    ``S = U diag(s) U'``, ``c = U' r``, the penalised residual sum of squares is
    ``P(gamma) = W - sum_i c_i^2 gamma / (1 + gamma s_i)`` and, after profiling out ``s2``, the
    REML criterion to minimise is (the identity ``|V| |X'V^-1 X| = |D_e| |I + gamma S| s2^(n-E)``
    for this design; cf. Bates, D., Maechler, M., Bolker, B. & Walker, S. (2015), Fitting linear
    mixed-effects models using lme4, J. Stat. Softw. 67(1), eq. 41)::

        -2 l_R(gamma) = (n - E) log P(gamma) + sum_i log(1 + gamma s_i) + const

    with ``s2 = P(gamma) / (n - E)``.  One eigen-decomposition of the ``J x J`` matrix ``S``
    makes every evaluation ``O(J)``; ``gamma`` is found on a grid in ``log gamma`` refined by
    Brent's method, and ``gamma = 0`` (the boundary) is a candidate.  The fit is checked
    against statsmodels' ``MixedLM`` in the tests.

Prediction error variances (Henderson 1975): ``Var(b^ - b) = s2 (S + I/gamma)^-1`` and, for an
entry, ``Var(q^_e - q_e) = s2 (1/n_e + a_e' (S + I/gamma)^-1 a_e)`` with ``a_e`` the entry's row of
``N`` divided by ``n_e``; :mod:`.entry_intervals` uses the latter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from scipy.stats import chi2

from .calibration import AdditiveFit, additive_fit_of
from .table import ReviewTable

MAX_JUDGES = 3000
"""Largest jury for which ``gamma`` is estimated (dense ``O(J^3)`` eigen-decomposition)."""

JUDGE_VARIANCE_TEST_LEVEL = 0.01
"""Level of the test of "judges differ": above it the calibration keeps raw means."""

_LOG_GAMMA = (-14.0, 14.0)  # search range of log(gamma); e^14 is an unpenalised fit in effect


@dataclass(frozen=True, eq=False)
class JudgeDesign:
    """The eigen-decomposed judge system of a table, shared by the REML fit and the intervals."""

    table: ReviewTable
    incidence: sp.csr_matrix
    counts_entry: np.ndarray
    counts_judge: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    projected_rhs: np.ndarray
    within_ss: float
    sums_entry: np.ndarray

    @classmethod
    def of(cls, table: ReviewTable) -> JudgeDesign:
        n_e, n_j, n = table.n_entries, table.n_judges, table.n_reviews
        e, j, x = table.entry_index, table.judge_index, table.scores
        count_e = np.bincount(e, minlength=n_e).astype(float)
        count_j = np.bincount(j, minlength=n_j).astype(float)
        sum_e = np.bincount(e, weights=x, minlength=n_e)
        sum_j = np.bincount(j, weights=x, minlength=n_j)
        incidence = sp.csr_matrix((np.ones(n), (e, j)), shape=(n_e, n_j))
        schur = np.diag(count_j) - (incidence.T @ (sp.diags(1.0 / count_e) @ incidence)).toarray()
        eigval, eigvec = np.linalg.eigh((schur + schur.T) / 2.0)
        eigval = np.maximum(eigval, 0.0)  # S is positive semi-definite; clip rounding below 0
        rhs = sum_j - incidence.T @ (sum_e / count_e)
        within = x - (sum_e / count_e)[e]
        return cls(
            table=table,
            incidence=incidence,
            counts_entry=count_e,
            counts_judge=count_j,
            eigenvalues=eigval,
            eigenvectors=eigvec,
            projected_rhs=eigvec.T @ rhs,
            within_ss=float(within @ within),
            sums_entry=sum_e,
        )

    @property
    def residual_dof(self) -> int:
        """``n - E``: the degrees of freedom left once every entry has its own quality."""
        return self.table.n_reviews - self.table.n_entries

    def penalised_rss(self, gamma: float) -> float:
        c2 = self.projected_rhs**2
        return max(self.within_ss - float((c2 * gamma / (1.0 + gamma * self.eigenvalues)).sum()), 0)

    def reml_criterion(self, gamma: float) -> float:
        """``-2 l_R(gamma)`` up to a constant (module docstring)."""
        rss = self.penalised_rss(gamma)
        if rss <= 0:
            return -math.inf
        logdet = float(np.log1p(gamma * self.eigenvalues).sum())
        return self.residual_dof * math.log(rss) + logdet

    def offsets(self, gamma: float) -> np.ndarray:
        """BLUPs ``b^ = (S + I/gamma)^-1 r = U diag(gamma / (1 + gamma s)) U' r``."""
        factor = gamma / (1.0 + gamma * self.eigenvalues)
        return self.eigenvectors @ (factor * self.projected_rhs)

    def offset_variances(self, gamma: float) -> np.ndarray:
        """Diagonal of ``(S + I/gamma)^-1``; times ``s2`` the offsets' prediction error variance."""
        factor = gamma / (1.0 + gamma * self.eigenvalues)
        return (self.eigenvectors**2) @ factor


@dataclass(frozen=True, eq=False)
class ShrunkFit:
    fit: AdditiveFit
    """Qualities, offsets (BLUPs, ``offset_sd`` their prediction error SD) and components."""
    variance_ratio: float
    """``gamma`` used for the offsets (0 when the test finds no judge variance)."""
    judge_variance: float | None
    """REML estimate of ``s2_judge`` (from the REML ``gamma``, whatever the test says)."""
    residual_variance: float | None
    reml_variance_ratio: float
    p_value: float | None
    """Of the test of ``gamma = 0``; ``None`` when ``gamma`` was given or not estimable."""
    estimated: bool
    """False when the design says nothing about judge variance (no entry has two reviews, or
    more than :data:`MAX_JUDGES` judges): then ``gamma`` is 0 and the fit equals raw means."""
    design: JudgeDesign | None

    @property
    def corrected_share(self) -> dict:
        """Per judge, about how much of their leniency is taken out: ``n gamma / (1 + n gamma)``."""
        g = self.variance_ratio
        return {j.judge: j.reviews * g / (1.0 + j.reviews * g) for j in self.fit.judges}


def estimate_variance_ratio(design: JudgeDesign, *, near: float | None = None) -> float:
    """REML estimate of ``gamma``; ``near`` (a previous estimate) narrows the search."""
    if design.residual_dof <= 0 or design.within_ss <= 0:
        return 0.0
    lo, hi = _LOG_GAMMA
    points = 15
    if near is not None and near > 0:
        centre = math.log(near)
        lo, hi, points = max(lo, centre - 2.0), min(hi, centre + 2.0), 7
    gamma = minimise_over_log(design.reml_criterion, lo, hi, points)
    # gamma = 0 is the boundary of the parameter space; keep it when it is at least as good.
    return 0.0 if design.reml_criterion(0.0) <= design.reml_criterion(gamma) else gamma


def minimise_over_log(criterion, lo: float, hi: float, points: int) -> float:
    """``gamma`` minimising ``criterion`` over ``log gamma`` in ``[lo, hi]``.

    A grid first (the REML criterion can have more than one local minimum in small designs),
    then Brent's bounded method between the best grid point's neighbours - unless a criterion
    there is not finite (a perfect fit), where the grid point stands.
    """
    grid = np.linspace(lo, hi, points)
    values = np.array([criterion(math.exp(t)) for t in grid])
    best = int(np.argmin(values))
    left, right = max(best - 1, 0), min(best + 1, len(grid) - 1)
    if not np.all(np.isfinite(values[left : right + 1])):
        return math.exp(float(grid[best]))
    found = minimize_scalar(
        # Clamped: a non-finite value between two finite grid points would poison the
        # parabolic steps with nan.
        lambda t: min(max(criterion(math.exp(t)), -1e10), 1e10),
        bounds=(grid[left], grid[right]),
        method="bounded",
        options={"xatol": 1e-6},
    )
    t_best = float(found.x) if found.fun <= values[best] else float(grid[best])
    return math.exp(t_best)


def judge_variance_p_value(design: JudgeDesign, gamma: float) -> float:
    """p-value of the REML likelihood-ratio test of ``gamma = 0`` (chi-square mixture)."""
    if gamma <= 0:
        return 1.0
    statistic = design.reml_criterion(0.0) - design.reml_criterion(gamma)
    if not math.isfinite(statistic):
        return 0.0 if statistic > 0 else 1.0
    return float(0.5 * chi2.sf(max(statistic, 0.0), 1)) if statistic > 0 else 1.0


def fit_shrunk(
    table: ReviewTable,
    *,
    variance_ratio: float | None = None,
    standard_errors: bool = True,
    test_level: float | None = JUDGE_VARIANCE_TEST_LEVEL,
    near: float | None = None,
) -> ShrunkFit:
    """Fit the random-offsets model; ``variance_ratio`` fixed skips the REML search.

    ``test_level=None`` uses the REML ``gamma`` whatever the test of ``gamma = 0`` says;
    ``near`` (a previous estimate, e.g. the full data's in a bootstrap) narrows the search.
    """
    # Kept whole: the REML search, the test of gamma = 0 and the final solve follow the steps of
    # the model in the module docstring, in order; splitting them would hide the algorithm.
    n_e, n_j = table.n_entries, table.n_judges
    if table.n_reviews == 0:
        empty = AdditiveFit({}, [], [], None, 0, math.inf, table)
        return ShrunkFit(empty, 0.0, None, None, 0.0, None, False, None)
    design = JudgeDesign.of(table) if n_j <= MAX_JUDGES else None
    estimated = design is not None and design.residual_dof > 0 and variance_ratio is None
    p_value = None
    if design is None:
        gamma = reml_gamma = 0.0
    elif variance_ratio is not None:
        gamma = reml_gamma = float(variance_ratio)
    else:
        gamma = reml_gamma = estimate_variance_ratio(design, near=near)
        if estimated:
            p_value = judge_variance_p_value(design, reml_gamma)
            if test_level is not None and p_value >= test_level:
                gamma = 0.0
    offsets = design.offsets(gamma) if design is not None else np.zeros(n_j)
    e, j, x = table.entry_index, table.judge_index, table.scores
    counts_e = np.bincount(e, minlength=n_e)
    qualities = (np.bincount(e, weights=x - offsets[j], minlength=n_e)) / counts_e
    s2 = None
    if design is not None and design.residual_dof > 0:
        s2 = design.penalised_rss(gamma) / design.residual_dof
    s2_reml = s2
    if s2 is not None and reml_gamma != gamma:
        s2_reml = design.penalised_rss(reml_gamma) / design.residual_dof
    ses: list[float | None] = [None] * n_j
    if standard_errors and s2 is not None and design is not None:
        ses = [float(math.sqrt(max(v * s2, 0.0))) for v in design.offset_variances(gamma)]
    return ShrunkFit(
        fit=additive_fit_of(
            table,
            qualities=qualities,
            offsets=offsets,
            offset_sds=ses,
            s2=s2,
            degrees_of_freedom=table.n_reviews - table.n_entries,
            ridge=math.inf if gamma == 0 else 1.0 / gamma,
        ),
        variance_ratio=gamma,
        judge_variance=None if s2_reml is None else reml_gamma * s2_reml,
        residual_variance=s2,
        reml_variance_ratio=reml_gamma,
        p_value=p_value,
        estimated=bool(estimated),
        design=design,
    )
