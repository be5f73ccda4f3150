"""The ranking methods, and each entry's score under them.

* ``mean``: the plain mean of the entry's weighted review scores;
* ``zscore``: each judge's scores standardised, mapped back onto the scale (:mod:`.calibration`);
* ``offset``: entry quality in the additive model with each judge's leniency fitted freely
  (a fixed ridge of :data:`~.calibration.DEFAULT_RIDGE`, in effect none);
* ``shrunk``: the same model with judge offsets as random effects and the shrinkage estimated
  by REML (:mod:`.shrinkage`): raw means when judges hardly differ or have few reviews each,
  the full correction when they differ and have many.

``shrunk`` is the default: in the simulation of ``benchmarks/sim_calibration.py`` it is never
worse than raw means beyond noise, in any design of its grid, while ``offset`` and ``zscore``
are (README, "Analysing scores from the command line").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .calibration import (
    DEFAULT_RIDGE,
    AdditiveFit,
    ZScoreCalibration,
    fit_additive,
    zscore_calibration,
)
from .records import Label
from .shrinkage import ShrunkFit, fit_shrunk
from .table import ReviewTable

RANKING_METHODS = ("mean", "zscore", "offset", "shrunk")
"""Every method :func:`~.analysis.analyse` accepts."""

METHODS = ("mean", "zscore", "offset")
"""The methods the results page offers today (it has a label for each of these); the page
will switch to :data:`RANKING_METHODS` when it gets a label for ``shrunk``."""

DEFAULT_METHOD = "shrunk"


@dataclass(eq=False)
class Calibrations:
    """Every method's view of one table, computed when first asked for.

    ``variance_ratio`` fixes the ``shrunk`` model's ``gamma`` (leave-one-judge-out variants
    keep the full data's estimate, so that they differ only by the judge left out).
    """

    table: ReviewTable
    ridge: float = DEFAULT_RIDGE
    variance_ratio: float | None = None
    standard_errors: bool = True
    _cache: dict = field(default_factory=dict)

    @property
    def zscore(self) -> ZScoreCalibration:
        if "zscore" not in self._cache:
            self._cache["zscore"] = zscore_calibration(reviews=self.table)
        return self._cache["zscore"]

    @property
    def offset(self) -> AdditiveFit:
        if "offset" not in self._cache:
            self._cache["offset"] = fit_additive(
                reviews=self.table, ridge=self.ridge, standard_errors=self.standard_errors
            )
        return self._cache["offset"]

    @property
    def shrunk(self) -> ShrunkFit:
        if "shrunk" not in self._cache:
            self._cache["shrunk"] = fit_shrunk(
                self.table,
                variance_ratio=self.variance_ratio,
                standard_errors=self.standard_errors,
            )
        return self._cache["shrunk"]

    def means(self) -> dict[Label, float]:
        t = self.table
        sums = np.bincount(t.entry_index, weights=t.scores, minlength=t.n_entries)
        means = sums / np.maximum(t.entry_counts(), 1)
        return {label: float(means[i]) for i, label in enumerate(t.entries)}

    def scores(self, method: str) -> dict[Label, float]:
        """Each entry's score under ``method``."""
        check_method(method)
        if method == "mean":
            return self.means()
        if method == "zscore":
            return self.zscore.entry_scores
        if method == "offset":
            return self.offset.qualities
        return self.shrunk.fit.qualities

    def adjusted(self, method: str) -> ReviewTable:
        """Per-review values whose entry means are the method's scores (for the bootstrap)."""
        check_method(method)
        if method == "mean":
            return self.table
        if method == "zscore":
            return self.zscore.adjusted
        if method == "offset":
            return self.offset.adjusted
        return self.shrunk.fit.adjusted


def check_method(method: str, methods: Sequence[str] = RANKING_METHODS) -> str:
    if method not in methods:
        raise ValueError(f"unknown method {method!r}; choose from {', '.join(methods)}")
    return method
