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
A judge stands out ("flag") when

* their mean deviation exceeds ``2`` pooled SDs over at least 3 shared reviews *and* its 95%
  t interval (from the spread of their own deviations) excludes 0 ("deviation": much more
  lenient or severe than colleagues on the same entries; calibration corrects this), or
* their correlation with the leave-one-out consensus is significantly below their colleagues'
  typical agreement ("correlation": they order entries differently).  Only judges with at
  least 10 shared reviews are tested; the reference is the median correlation of those judges;
  the test is one-sided on Fisher's z, ``(atanh r - atanh r_ref) sqrt(shared - 3)`` against the
  standard normal (Fisher, R. A. (1921), Metron 1, 3-32), at level 0.05 divided by the number
  of judges tested (Bonferroni), so that a jury of 50 honest judges raises a false flag in
  about one round in twenty.  Each judge's correlation gets its Fisher interval.

The old rule "correlation below 0 over 10 shared reviews" flagged a judge scoring at random on
an r of -0.12 - noise at that size - and let a judge at r = 0.05 over 200 reviews pass.
Thresholds are parameters of :func:`deviating_judges`.  Flags are prompts for the chair to look,
not verdicts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm
from scipy.stats import t as t_distribution

from .records import Label, Review
from .table import ReviewTable, as_table

DEVIATION_THRESHOLD_SD = 2.0
MIN_SHARED_FOR_DEVIATION = 3
CORRELATION_THRESHOLD: float | None = None
"""Fixed reference correlation; ``None``: the median of the tested judges' correlations."""
MIN_SHARED_FOR_CORRELATION = 10
FLAG_LEVEL = 0.05
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
    correlation_interval: tuple[float, float] | None = None
    """Fisher-z 95% interval of ``correlation`` (``None`` under 4 shared reviews)."""
    deviation_interval: tuple[float, float] | None = None
    """t-based 95% interval of ``mean_deviation`` (``None`` under 2 shared reviews)."""


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
    dev_ss = np.bincount(j, weights=w * (x - others - mean_dev[j]) ** 2, minlength=n_j)
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
                correlation_interval=_fisher_interval(r, k),
                deviation_interval=_t_interval(dev, float(dev_ss[i]), k),
            )
        )
    return out


def _fisher_interval(
    r: float | None, n: int, confidence: float = 0.95
) -> tuple[float, float] | None:
    if r is None or n < 4:
        return None
    z = math.atanh(min(max(r, -0.999999), 0.999999))
    half = float(norm.ppf(0.5 + confidence / 2.0)) / math.sqrt(n - 3)
    return (math.tanh(z - half), math.tanh(z + half))


def _t_interval(
    mean: float | None, ss: float, n: int, confidence: float = 0.95
) -> tuple[float, float] | None:
    if mean is None or n < 2:
        return None
    half = float(t_distribution.ppf(0.5 + confidence / 2.0, n - 1)) * math.sqrt(ss / (n - 1) / n)
    return (mean - half, mean + half)


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
    correlation_threshold: float | None = CORRELATION_THRESHOLD,
    min_shared_correlation: int = MIN_SHARED_FOR_CORRELATION,
    level: float = FLAG_LEVEL,
) -> list[JudgeFlag]:
    """Judges who stand out from their colleagues (rules in the module docstring)."""
    # Kept whole: the rules are one decision table, read top to bottom against the docstring.
    flags = []
    for a in agreement:
        if (
            a.deviation_sd is not None
            and a.shared >= min_shared_deviation
            and abs(a.deviation_sd) > deviation_threshold
            and a.deviation_interval is not None
            and (a.deviation_interval[0] > 0 or a.deviation_interval[1] < 0)
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
    tested = [
        a for a in agreement if a.correlation is not None and a.shared >= min_shared_correlation
    ]
    reference = correlation_threshold
    if reference is None and tested:
        reference = float(np.median([a.correlation for a in tested]))
    if reference is None or reference <= 0:
        return flags  # no consensus to stand out from
    z_ref = math.atanh(min(reference, 0.999999))
    for a in tested:
        z = (math.atanh(min(max(a.correlation, -0.999999), 0.999999)) - z_ref) * math.sqrt(
            a.shared - 3
        )
        if norm.cdf(z) < level / len(tested):
            flags.append(
                JudgeFlag(
                    judge=a.judge,
                    rule="correlation",
                    value=a.correlation,
                    threshold=reference,
                    message=(
                        f"scores correlate {a.correlation:.2f} with the other judges' mean on "
                        f"the same {a.shared} entries, well below the jury's typical "
                        f"{reference:.2f}"
                    ),
                )
            )
    flags.sort(key=lambda f: [a.judge for a in agreement].index(f.judge))
    return flags
