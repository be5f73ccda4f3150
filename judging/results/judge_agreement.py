"""Each judge's agreement with their colleagues, and the judges who stand out.

For every review on an entry with at least two reviews, "the others" is the mean of the
other judges' scores on that entry.  Per judge: the Pearson correlation of their scores
with the others' means (``None`` under 3 shared reviews or without spread), and their mean
deviation from the others, also expressed in units of the pooled within-entry standard
deviation ``sqrt(sum_e sum (x - mean_e)^2 / sum_e (n_e - 1))`` of the *other* judges'
scores.  The judge's own scores are left out of that yardstick on purpose: a judge far off
their colleagues inflates the within-entry spread, and with 4 judges per entry one who is
arbitrarily far from three unanimous colleagues would still sit at only 2 pooled SDs if
counted in.  When the other judges agree exactly (yardstick 0) the ratio is ``None``.
A judge is flagged when

* ``|mean deviation| > 2`` pooled SDs over at least 3 shared reviews ("deviation": much
  more lenient or severe than colleagues on the same entries), or
* the correlation is below 0 over at least 10 shared reviews ("correlation": their
  ordering of entries runs against the others').

Thresholds are parameters of :func:`deviating_judges`.  Flags are prompts for the chair to
look, not verdicts: with 10 shared reviews an honest judge can fall below 0 by chance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .records import Label, Review
from .table import ReviewTable, as_table

DEVIATION_THRESHOLD_SD = 2.0
MIN_SHARED_FOR_DEVIATION = 3
CORRELATION_THRESHOLD = 0.0
MIN_SHARED_FOR_CORRELATION = 10
MIN_SHARED_FOR_CORRELATION_VALUE = 3


@dataclass(frozen=True, slots=True)
class JudgeAgreement:
    judge: Label
    reviews: int
    shared: int
    """Reviews of entries that at least one other judge also reviewed."""
    correlation: float | None
    mean_deviation: float | None
    deviation_sd: float | None
    """``mean_deviation`` in pooled within-entry SDs of the *other* judges' scores."""


def pooled_within_entry_sd(table: ReviewTable) -> float | None:
    """sqrt(sum_e sum (x - mean_e)^2 / sum_e (n_e - 1)) over entries with 2+ reviews."""
    counts = table.entry_counts()
    dof = int(np.maximum(counts - 1, 0).sum())
    if dof == 0:
        return None
    ss = float(_entry_sums_of_squares(table)[0].sum())  # single-review entries add 0
    return math.sqrt(ss / dof)


def _entry_sums_of_squares(table: ReviewTable) -> tuple[np.ndarray, np.ndarray]:
    """Per entry: sum of squared deviations from the entry mean, and the entry means."""
    e = table.entry_index
    counts = np.maximum(table.entry_counts(), 1)
    means = np.bincount(e, weights=table.scores, minlength=table.n_entries) / counts
    ss = np.bincount(e, weights=(table.scores - means[e]) ** 2, minlength=table.n_entries)
    return ss, means


def _pooled_sd_without_each_judge(table: ReviewTable) -> np.ndarray:
    """Pooled within-entry SD of all reviews except judge j's, for every judge (nan if none).

    Removing value x from an entry with n values, mean m and sum of squares SS leaves
    ``SS - (x - m)^2 * n / (n - 1)`` over ``n - 2`` degrees of freedom (Welford downdate).
    """
    e, j, x = table.entry_index, table.judge_index, table.scores
    n = table.entry_counts()
    ss, means = _entry_sums_of_squares(table)
    total_ss = float(ss.sum())
    total_dof = float(np.maximum(n - 1, 0).sum())
    n_r = n[e].astype(float)
    # Loss in SS and in degrees of freedom when review r leaves its entry.
    with np.errstate(invalid="ignore", divide="ignore"):
        lost_ss = np.where(n_r >= 2, (x - means[e]) ** 2 * n_r / (n_r - 1), 0.0)
    lost_dof = np.where(n_r >= 2, 1.0, 0.0)
    ss_without = total_ss - np.bincount(j, weights=lost_ss, minlength=table.n_judges)
    dof_without = total_dof - np.bincount(j, weights=lost_dof, minlength=table.n_judges)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(dof_without > 0, np.sqrt(np.maximum(ss_without, 0.0) / dof_without), np.nan)


def judge_agreement(
    *, reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]]
) -> list[JudgeAgreement]:
    """Each judge's agreement with the mean of the other judges on the same entries."""
    table = as_table(reviews)
    e, j, x = table.entry_index, table.judge_index, table.scores
    n_j = table.n_judges
    cnt_e = table.entry_counts()
    sum_e = np.bincount(e, weights=x, minlength=table.n_entries)
    shared = cnt_e[e] >= 2
    others = np.where(shared, (sum_e[e] - x) / np.maximum(cnt_e[e] - 1, 1), 0.0)
    w = shared.astype(float)
    n_shared = np.bincount(j, weights=w, minlength=n_j)
    safe_n = np.maximum(n_shared, 1)
    mean_dev = np.bincount(j, weights=w * (x - others), minlength=n_j) / safe_n
    mx = np.bincount(j, weights=w * x, minlength=n_j) / safe_n
    mo = np.bincount(j, weights=w * others, minlength=n_j) / safe_n
    dx = w * (x - mx[j])
    do = w * (others - mo[j])
    cov = np.bincount(j, weights=dx * do, minlength=n_j)
    vx = np.bincount(j, weights=dx * dx, minlength=n_j)
    vo = np.bincount(j, weights=do * do, minlength=n_j)
    yardstick = _pooled_sd_without_each_judge(table)
    # The downdate can leave rounding residue where the true SD is 0; below a millionth of the
    # score magnitude a yardstick is treated as zero rather than dividing by noise.
    tiny_sd = 1e-6 * max(1.0, float(np.abs(x).max())) if len(x) else 0.0
    counts = table.judge_counts()
    out = []
    for i, label in enumerate(table.judges):
        k = int(n_shared[i])
        spread = vx[i] > 1e-24 * max(1.0, mx[i] ** 2) and vo[i] > 1e-24 * max(1.0, mo[i] ** 2)
        r = (
            float(np.clip(cov[i] / math.sqrt(vx[i] * vo[i]), -1.0, 1.0))
            if k >= MIN_SHARED_FOR_CORRELATION_VALUE and spread
            else None
        )
        dev = float(mean_dev[i]) if k else None
        sd = float(yardstick[i])
        usable_sd = math.isfinite(sd) and sd > tiny_sd
        out.append(
            JudgeAgreement(
                judge=label,
                reviews=int(counts[i]),
                shared=k,
                correlation=r,
                mean_deviation=dev,
                deviation_sd=(dev / sd) if dev is not None and usable_sd else None,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class JudgeFlag:
    judge: Label
    rule: str
    value: float
    threshold: float
    message: str


def deviating_judges(
    *,
    agreement: Sequence[JudgeAgreement],
    deviation_threshold: float = DEVIATION_THRESHOLD_SD,
    min_shared_deviation: int = MIN_SHARED_FOR_DEVIATION,
    correlation_threshold: float = CORRELATION_THRESHOLD,
    min_shared_correlation: int = MIN_SHARED_FOR_CORRELATION,
) -> list[JudgeFlag]:
    """Judges whose scores deviate strongly from their colleagues' (rules in module docstring)."""
    flags = []
    for a in agreement:
        if (
            a.deviation_sd is not None
            and a.shared >= min_shared_deviation
            and abs(a.deviation_sd) > deviation_threshold
        ):
            direction = "higher" if a.deviation_sd > 0 else "lower"
            flags.append(
                JudgeFlag(
                    judge=a.judge,
                    rule="deviation",
                    value=a.deviation_sd,
                    threshold=deviation_threshold,
                    message=(
                        f"scores on average {abs(a.deviation_sd):.2f} pooled SD {direction} "
                        f"than the other judges on the same {a.shared} entries"
                    ),
                )
            )
        if (
            a.correlation is not None
            and a.shared >= min_shared_correlation
            and a.correlation < correlation_threshold
        ):
            flags.append(
                JudgeFlag(
                    judge=a.judge,
                    rule="correlation",
                    value=a.correlation,
                    threshold=correlation_threshold,
                    message=(
                        f"scores correlate {a.correlation:.2f} with the other judges' mean on "
                        f"the same {a.shared} entries"
                    ),
                )
            )
    return flags
