"""A confidence interval for each entry's score under the ranking method.

The interval is for the score the entry would get from the average judge with unlimited
reviews, at level ``confidence``: ``score +- t_{df, (1+confidence)/2} * se``.

* ``mean`` and ``zscore``: ``se = s / sqrt(n_e)`` with ``s`` the pooled within-entry standard
  deviation of the (raw or mapped-back) review scores over ``df = n - E`` degrees of freedom.
  Pooling gives entries with two reviews a usable spread; in an incomplete design the judges'
  leniency is part of that spread, as it is part of a raw mean's error.  The z-score
  calibration's own parameters are held fixed (as in :mod:`.stability`).
* ``offset`` and ``shrunk``: the prediction error variance of the fixed effects in Henderson's
  mixed model equations (Henderson 1975; Searle, Casella & McCulloch 1992, section 7.4),
  ``s2 (1/n_e + a_e' M a_e)`` with ``a_e`` the entry's judge incidence divided by ``n_e`` and
  ``M = (S + I/gamma)^-1`` (``shrunk``) or the pseudo-inverse ``S^+`` (``offset``: offsets
  relative to the average judge of the component), from one eigen-decomposition of ``S``
  (:class:`~.shrinkage.JudgeDesign`).  ``df`` is ``n - E`` (``shrunk``) or
  ``n - E - J + components`` (``offset``).

No interval (``None``) when there are no residual degrees of freedom, e.g. one review per entry.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import t as t_distribution

from .methods import Calibrations, check_method
from .records import Label
from .table import ReviewTable


def entry_intervals(
    calibrations: Calibrations, *, method: str, confidence: float
) -> dict[Label, tuple[float, float] | None]:
    """``(low, high)`` per entry, or ``None`` per entry when no interval can be given."""
    check_method(method)
    table = calibrations.table
    scores = calibrations.scores(method)
    if method in ("mean", "zscore"):
        se, dof = _pooled_se(calibrations.adjusted(method))
    else:
        se, dof = _model_se(calibrations, method)
    if se is None or dof <= 0:
        return dict.fromkeys(table.entries)
    q = float(t_distribution.ppf(0.5 + confidence / 2.0, dof))
    return {
        label: (scores[label] - q * float(se[i]), scores[label] + q * float(se[i]))
        for i, label in enumerate(table.entries)
    }


def _pooled_se(table: ReviewTable) -> tuple[np.ndarray | None, int]:
    e = table.entry_index
    counts = table.entry_counts()
    means = np.bincount(e, weights=table.scores, minlength=table.n_entries) / counts
    dev = table.scores - means[e]
    dof = table.n_reviews - table.n_entries
    if dof <= 0:
        return None, 0
    s2 = float(dev @ dev) / dof
    return np.sqrt(s2 / counts), dof


def _model_se(calibrations: Calibrations, method: str) -> tuple[np.ndarray | None, int]:
    shrunk = calibrations.shrunk
    design = shrunk.design
    if design is None:
        return None, 0
    s = design.eigenvalues
    if method == "shrunk":
        if shrunk.residual_variance is None:
            return None, 0
        gamma = shrunk.variance_ratio
        factor = gamma / (1.0 + gamma * s)
        s2, dof = shrunk.residual_variance, design.residual_dof
    else:
        fit = calibrations.offset
        if fit.residual_sd is None:
            return None, 0
        tol = max(float(s.max()), 1.0) * len(s) * np.finfo(float).eps * 16
        factor = np.where(s > tol, 1.0 / np.where(s > tol, s, 1.0), 0.0)
        s2, dof = fit.residual_sd**2, fit.degrees_of_freedom
    averaged = (design.incidence.multiply(1.0 / design.counts_entry[:, None])).tocsr()
    projected = averaged @ design.eigenvectors
    variance = s2 * (1.0 / design.counts_entry + (projected**2) @ factor)
    return np.sqrt(np.maximum(variance, 0.0)), int(dof)
