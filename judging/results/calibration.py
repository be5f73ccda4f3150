"""Judge-bias calibration: per-judge z-scores and the additive (entry quality + judge offset) model.

Both methods turn each review score ``x`` into an *adjusted* score on the rubric's scale; an
entry's calibrated score is the plain mean of its adjusted scores.  The adjusted per-review
values are returned as a :class:`~.inputs.ReviewTable` so that the bootstrap
(:mod:`.stability`) can resample them exactly as it resamples raw scores.

Z-scores
    Judge ``j`` has mean ``m_j`` and sample sd ``s_j`` over their reviews.  A review becomes
    ``z = (x - m_j) / s_j`` and is mapped back onto the rubric as ``M + S * z``, with ``M``/``S``
    the mean and sample sd of *all* review scores, so calibrated scores read like ordinary
    scores.  A judge with a single review, or whose scores are all equal (``s_j`` is zero up to
    rounding), cannot be standardised: their reviews get ``z = 0`` - i.e. they are only centred
    (``x - m_j == 0`` for such a judge anyway) and contribute the global mean ``M``.  This
    avoids dividing by zero and says "this judge tells us nothing about relative quality", which
    is exactly what one review or a flat line of equal scores tells us.  The mapped-back values
    are *not* clipped to the scale, so an outstanding entry may calibrate slightly outside it.

Additive model
    ``x[e, j] = q[e] + b[j] + noise``: entry quality ``q`` plus judge offset ``b`` (leniency:
    positive = the judge scores above the entries' quality).  It is fitted by least squares with
    a small ridge penalty ``ridge * sum(b**2)`` (default :data:`DEFAULT_RIDGE`), which

    * makes the normal equations non-singular, so the sparse solver needs no pivot judge;
    * fixes the model's free constant: shifting all offsets of a connected part by ``c`` and
      its qualities by ``-c`` leaves the fit unchanged, and the penalty picks the shift with
      ``sum(b) = 0`` in every connected component (offsets are re-centred explicitly as well,
      which also covers ``ridge=0``);
    * shrinks offsets by a factor of about ``n_j / (n_j + ridge)`` for a judge with ``n_j``
      reviews - negligible at 1e-4, so the fit is effectively unpenalised.

    Works on incomplete designs (every entry reviewed by a few judges).  The entries' ``q`` are
    on the rubric scale: with sum-to-zero offsets, ``q`` is what the average judge of the
    component would have given.  ``q[e]`` equals the mean of ``x - b[j]`` over the entry's
    reviews, which is the per-review adjusted score used for the bootstrap.

    The qualities are eliminated first (``q = D_e^-1 (sum_e - N b)``, ``N`` the sparse
    entry-by-judge incidence matrix), leaving the judges-by-judges Schur complement
    ``S = D_j - N' D_e^-1 N`` - a weighted graph Laplacian of the judges' co-review graph -
    solved with ``scipy.sparse.linalg.spsolve``.  For 5,000 entries and 50 judges that is a
    50 x 50 system.

    Standard errors: with residual variance ``s2 = RSS / (n_reviews - n_entries - n_judges +
    n_components)`` (the unpenalised model's degrees of freedom), ``Cov(b) = s2 * S+`` for
    ``ridge = 0`` (``S+`` the pseudo-inverse: the constraint ``sum(b) = 0`` removes exactly the
    null direction) and the ridge sandwich ``s2 * (S + ridge I)^-1 S (S + ridge I)^-1``
    otherwise; both come from one eigen-decomposition of each component's block of ``S``.
    ``offset_sd`` is therefore the uncertainty of a judge's leniency *relative to the average
    judge of their component*.  It is ``None`` when there are no residual degrees of freedom,
    for a judge alone in their component, and for components with more than
    :data:`MAX_JUDGES_FOR_SE` judges (dense ``O(m^3)`` step).

    Disconnected designs: if the judge-entry bipartite graph falls into several connected
    components, offsets and qualities are comparable only within a component; the components
    are reported so the caller can warn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve

from .inputs import Label, Review, ReviewTable, as_table, label_key

DEFAULT_RIDGE = 1e-4
"""Ridge penalty on judge offsets, in units of "pseudo-reviews" pulling each offset to 0."""

MAX_JUDGES_FOR_SE = 3000
"""Largest component (in judges) for which offset standard errors are computed."""

_FLAT_SD = 1e-12  # a judge's sd below this (relative to the score level) counts as zero


@dataclass(frozen=True, slots=True)
class JudgeStandardisation:
    judge: Label
    reviews: int
    mean: float
    sd: float | None
    standardised: bool
    """False for judges with one review or no spread: their reviews count as the global mean."""


@dataclass(frozen=True, eq=False)
class ZScoreCalibration:
    entry_scores: dict[Label, float]
    judges: list[JudgeStandardisation]
    global_mean: float
    global_sd: float
    adjusted: ReviewTable
    """Per-review mapped-back z-scores (same design as the input table)."""


@dataclass(frozen=True, slots=True)
class Component:
    """A connected part of the judge-entry graph; offsets are comparable only within one."""

    entries: tuple[Label, ...]
    judges: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class JudgeOffset:
    judge: Label
    reviews: int
    offset: float
    offset_sd: float | None
    component: int


@dataclass(frozen=True, eq=False)
class AdditiveFit:
    qualities: dict[Label, float]
    judges: list[JudgeOffset]
    components: list[Component]
    residual_sd: float | None
    degrees_of_freedom: int
    ridge: float
    adjusted: ReviewTable
    """Per-review ``x - b[j]``; each entry's mean of these is its fitted quality."""

    @property
    def offsets(self) -> dict[Label, float]:
        return {j.judge: j.offset for j in self.judges}


def zscore_calibration(
    *, reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]]
) -> ZScoreCalibration:
    """Per-judge z-score calibration (see the module docstring for the rules)."""
    table = as_table(reviews)
    x = table.scores
    j = table.judge_index
    n_j = table.n_judges
    counts = np.bincount(j, minlength=n_j)
    means = np.bincount(j, weights=x, minlength=n_j) / np.maximum(counts, 1)
    dev = x - means[j]
    ss = np.bincount(j, weights=dev * dev, minlength=n_j)
    with np.errstate(invalid="ignore", divide="ignore"):
        sds = np.where(counts >= 2, np.sqrt(ss / (counts - 1)), np.nan)
    usable = (counts >= 2) & (sds > _FLAT_SD * np.maximum(1.0, np.abs(means)))
    safe_sd = np.where(usable, sds, 1.0)
    z = np.where(usable[j], dev / safe_sd[j], 0.0)

    global_mean = float(x.mean()) if len(x) else float("nan")
    global_sd = float(x.std(ddof=1)) if len(x) >= 2 else 0.0
    adjusted_values = global_mean + global_sd * z
    adjusted = table.with_scores(adjusted_values)
    entry_counts = table.entry_counts()
    entry_means = np.bincount(
        table.entry_index, weights=adjusted_values, minlength=table.n_entries
    ) / np.maximum(entry_counts, 1)
    return ZScoreCalibration(
        entry_scores={label: float(entry_means[i]) for i, label in enumerate(table.entries)},
        judges=[
            JudgeStandardisation(
                judge=label,
                reviews=int(counts[i]),
                mean=float(means[i]),
                sd=None if np.isnan(sds[i]) else float(sds[i]),
                standardised=bool(usable[i]),
            )
            for i, label in enumerate(table.judges)
        ],
        global_mean=global_mean,
        global_sd=global_sd,
        adjusted=adjusted,
    )


def fit_additive(
    *,
    reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]],
    ridge: float = DEFAULT_RIDGE,
    standard_errors: bool = True,
) -> AdditiveFit:
    """Fit ``score = quality[entry] + offset[judge] + noise`` (see the module docstring).

    ``standard_errors=False`` leaves ``offset_sd`` as ``None`` and skips the dense
    eigen-decomposition (the robustness variants refit many times and need qualities only).
    """
    # Kept whole: the normal equations, their solution and the standard errors read as one
    # derivation (the module docstring); pieces would each need the whole design to make sense.
    if not ridge >= 0:
        raise ValueError("ridge must be non-negative")
    table = as_table(reviews)
    n_e, n_j, n = table.n_entries, table.n_judges, table.n_reviews
    e = table.entry_index
    j = table.judge_index
    x = table.scores
    if n == 0:
        return AdditiveFit({}, [], [], None, 0, ridge, table)

    count_e = np.bincount(e, minlength=n_e).astype(float)
    count_j = np.bincount(j, minlength=n_j).astype(float)
    sum_e = np.bincount(e, weights=x, minlength=n_e)
    sum_j = np.bincount(j, weights=x, minlength=n_j)
    incidence = sp.csr_matrix((np.ones(n), (e, j)), shape=(n_e, n_j))
    inv_e = 1.0 / count_e
    # Schur complement S = D_j - N' D_e^-1 N and reduced right-hand side r.
    weighted = sp.diags(inv_e) @ incidence
    schur = (sp.diags(count_j) - incidence.T @ weighted).tocsc()
    rhs = sum_j - incidence.T @ (sum_e * inv_e)

    comp_of_entry, comp_of_judge, n_comp = _components(incidence, n_e, n_j)
    if ridge > 0:
        offsets = spsolve((schur + ridge * sp.identity(n_j, format="csc")).tocsc(), rhs)
    else:
        offsets = _solve_pinned(schur, rhs, comp_of_judge, n_comp)
    offsets = np.atleast_1d(np.asarray(offsets, dtype=float))
    # Exact sum-to-zero per component (the ridge solution satisfies it up to rounding).
    comp_mean = np.bincount(comp_of_judge, weights=offsets, minlength=n_comp) / np.bincount(
        comp_of_judge, minlength=n_comp
    )
    offsets = offsets - comp_mean[comp_of_judge]
    qualities = (sum_e - incidence @ offsets) * inv_e
    adjusted_values = x - offsets[j]

    residual = adjusted_values - qualities[e]
    dof = n - n_e - n_j + n_comp
    s2 = float(residual @ residual) / dof if dof > 0 else None
    ses = _offset_standard_errors(
        schur, comp_of_judge, n_comp, ridge, s2 if standard_errors else None
    )

    return additive_fit_of(
        table,
        qualities=qualities,
        offsets=offsets,
        offset_sds=ses,
        s2=s2,
        degrees_of_freedom=int(dof),
        ridge=float(ridge),
        comp_of_entry=comp_of_entry,
        comp_of_judge=comp_of_judge,
    )


def additive_fit_of(
    table: ReviewTable,
    *,
    qualities: np.ndarray,
    offsets: np.ndarray,
    offset_sds: list[float | None],
    s2: float | None,
    degrees_of_freedom: int,
    ridge: float,
    comp_of_entry: np.ndarray | None = None,
    comp_of_judge: np.ndarray | None = None,
) -> AdditiveFit:
    """An :class:`AdditiveFit` of solved arrays (shared with the shrunk model of
    :mod:`.shrinkage`): labels, components in their reported order, adjusted scores."""
    if comp_of_entry is None or comp_of_judge is None:
        incidence = sp.csr_matrix(
            (np.ones(table.n_reviews), (table.entry_index, table.judge_index)),
            shape=(table.n_entries, table.n_judges),
        )
        comp_of_entry, comp_of_judge, _ = _components(incidence, table.n_entries, table.n_judges)
    n_comp = int(comp_of_judge.max()) + 1 if len(comp_of_judge) else 0
    order_comp = _component_order(table, comp_of_entry, comp_of_judge, n_comp)
    renumber = np.empty(n_comp, dtype=np.int64)
    renumber[order_comp] = np.arange(n_comp)
    count_j = table.judge_counts()
    return AdditiveFit(
        qualities={label: float(qualities[i]) for i, label in enumerate(table.entries)},
        judges=[
            JudgeOffset(
                judge=label,
                reviews=int(count_j[i]),
                offset=float(offsets[i]),
                offset_sd=offset_sds[i],
                component=int(renumber[comp_of_judge[i]]),
            )
            for i, label in enumerate(table.judges)
        ],
        components=[
            Component(
                entries=tuple(table.entries[i] for i in np.flatnonzero(comp_of_entry == c)),
                judges=tuple(table.judges[i] for i in np.flatnonzero(comp_of_judge == c)),
            )
            for c in order_comp
        ],
        residual_sd=None if s2 is None else float(np.sqrt(s2)),
        degrees_of_freedom=degrees_of_freedom,
        ridge=ridge,
        adjusted=table.with_scores(table.scores - offsets[table.judge_index]),
    )


def _components(incidence: sp.csr_matrix, n_e: int, n_j: int) -> tuple[np.ndarray, np.ndarray, int]:
    graph = sp.bmat([[None, incidence], [incidence.T, None]], format="csr")
    n_comp, labels = connected_components(graph, directed=False)
    return labels[:n_e], labels[n_e:], int(n_comp)


def _component_order(
    table: ReviewTable, comp_of_entry: np.ndarray, comp_of_judge: np.ndarray, n_comp: int
) -> list[int]:
    """Components with most judges first, then most entries, then by their first judge label."""
    sizes_j = np.bincount(comp_of_judge, minlength=n_comp)
    sizes_e = np.bincount(comp_of_entry, minlength=n_comp)
    first_judge = {}
    for i, c in enumerate(comp_of_judge.tolist()):
        first_judge.setdefault(c, table.judges[i])  # judges are in canonical order
    return sorted(
        range(n_comp),
        key=lambda c: (-int(sizes_j[c]), -int(sizes_e[c]), label_key(first_judge[c])),
    )


def _solve_pinned(
    schur: sp.csc_matrix, rhs: np.ndarray, comp_of_judge: np.ndarray, n_comp: int
) -> np.ndarray:
    """Unpenalised solve: fix the first judge of each component at 0, solve, re-centre later."""
    n_j = schur.shape[0]
    pinned = np.zeros(n_j, dtype=bool)
    seen: set[int] = set()
    for i, c in enumerate(comp_of_judge.tolist()):
        if c not in seen:
            seen.add(c)
            pinned[i] = True
    free = np.flatnonzero(~pinned)
    offsets = np.zeros(n_j)
    if len(free):
        reduced = schur[free][:, free].tocsc()
        offsets[free] = np.atleast_1d(spsolve(reduced, rhs[free]))
    return offsets


def _offset_standard_errors(
    schur: sp.csc_matrix, comp_of_judge: np.ndarray, n_comp: int, ridge: float, s2: float | None
) -> list[float | None]:
    n_j = schur.shape[0]
    out: list[float | None] = [None] * n_j
    if s2 is None:
        return out
    for c in range(n_comp):
        members = np.flatnonzero(comp_of_judge == c)
        m = len(members)
        if m < 2 or m > MAX_JUDGES_FOR_SE:
            continue
        block = schur[members][:, members].toarray()
        eigval, eigvec = np.linalg.eigh((block + block.T) / 2.0)
        tol = max(eigval.max(), 1.0) * m * np.finfo(float).eps * 16
        positive = eigval > tol
        # Variance factor per eigen-direction: 1/s for the pseudo-inverse (ridge = 0),
        # s/(s+ridge)^2 for the ridge sandwich; 0 along the null (constant-shift) direction.
        factor = np.zeros_like(eigval)
        factor[positive] = eigval[positive] / (eigval[positive] + ridge) ** 2
        variances = s2 * ((eigvec**2) @ factor)
        for pos, judge in enumerate(members.tolist()):
            out[judge] = float(np.sqrt(max(variances[pos], 0.0)))
    return out
