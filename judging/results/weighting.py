"""The weighted review score, and validation of score rows against the rubric.

The weighted score of a review is ``sum(w_c * s_c) / sum(w_c)`` over the rubric's criteria.  A
review missing any criterion is *incomplete*: it is reported and left out of every aggregate,
never silently scored as zero for the missing criteria.

That rule is written once: :func:`weighted_mean` for one review (the review pages, in Decimal),
:func:`review_weighted_scores` for many reviews in columns (the analysis, the results page's
box plots and the scores export).  Everything else calls one of the two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import numpy as np

from .columns import ScoreColumns, as_score_columns
from .records import (
    Criterion,
    IncompleteReview,
    InputError,
    Label,
    ScoreRow,
    _fmt,
    _is_finite_number,
    as_criteria,
    as_score_rows,
    label_key,
    sorted_labels,
)
from .table import ReviewTable, canonical_ranks


def resolve_criteria(
    *,
    scores: Sequence[ScoreRow],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
) -> tuple[Criterion, ...]:
    """The rubric with every weight and scale bound filled in.

    Without ``criteria`` every criterion that occurs in ``scores`` weighs 1.  A missing scale
    bound is taken from the data: the smallest / largest score observed *over all criteria*
    (one rubric-wide scale rather than per criterion, so that a criterion on which everybody
    happened to agree does not get a degenerate scale).  Criteria keep the given order; derived
    ones are sorted by name.
    """
    rows = as_score_rows(scores)
    values = [float(r.score) for r in rows if _is_finite_number(r.score)]
    lo = min(values) if values else math.nan
    hi = max(values) if values else math.nan
    return _resolve(as_criteria(criteria), sorted_labels(str(r.criterion) for r in rows), lo, hi)


def _resolve(
    criteria: list[Criterion] | None, names: Sequence[str], lo: float, hi: float
) -> tuple[Criterion, ...]:
    if criteria is None:
        return tuple(Criterion(name=n, weight=1.0, minimum=lo, maximum=hi) for n in names)
    seen: set[str] = set()
    out = []
    for c in criteria:
        if c.name in seen:
            raise InputError(f"criterion {c.name!r} is listed twice")
        seen.add(c.name)
        minimum = lo if c.minimum is None else c.minimum
        maximum = hi if c.maximum is None else c.maximum
        if not (_is_finite_number(minimum) and _is_finite_number(maximum)):
            raise InputError(f"criterion {c.name!r} has no scale and there are no scores")
        if minimum > maximum:
            raise InputError(
                f"criterion {c.name!r}: scale {_fmt(minimum)}..{_fmt(maximum)} is empty "
                "(a bound missing from the weights was taken from the observed scores)"
            )
        out.append(Criterion(name=c.name, weight=float(c.weight), minimum=minimum, maximum=maximum))
    if not out:
        raise InputError("the rubric has no criteria")
    return tuple(out)


Number = TypeVar("Number", float, Decimal)


def weighted_mean(pairs: Iterable[tuple[Number, Number | None]]) -> Number | None:
    """The weighted score of one review: ``sum(w * s) / sum(w)`` over the ``(weight, score)``
    pairs that have a score; None when none has.

    Sums in the order given, so floats come out bit for bit as the columnar
    :func:`review_weighted_scores` gives them; Decimals stay exact.
    """
    total: Any = 0
    weights: Any = 0
    for weight, score in pairs:
        if score is None:
            continue
        total += weight * score
        weights += weight
    if not weights:
        return None
    return total / weights


def review_weighted_scores(
    *,
    review_keys: np.ndarray,
    criterion_codes: np.ndarray,
    scores: np.ndarray,
    weights: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`weighted_mean` of many reviews at once, one input row per score.

    ``review_keys`` (integers) name each row's review, ``criterion_codes`` its criterion as an
    index into ``weights``.  Returns ``(keys, weighted, counts, rows)``: the distinct review keys
    sorted, each review's weighted score over the criteria it has, how many criteria it has (a
    review is complete when that is the rubric's length), and each input row's review as an index
    into ``keys``.
    """
    # Sort by (review, criterion) so every review's sum is accumulated in criterion order:
    # identical criterion scores then give bit-identical weighted scores whatever the row order.
    order = np.lexsort((criterion_codes, review_keys))
    ws = weights[criterion_codes[order]]
    keys, inverse = np.unique(review_keys[order], return_inverse=True)
    n_rev = len(keys)
    wsum = np.bincount(inverse, weights=ws * scores[order], minlength=n_rev)
    wtot = np.bincount(inverse, weights=ws, minlength=n_rev)
    counts = np.bincount(inverse, minlength=n_rev)
    rows = np.empty_like(inverse)
    rows[order] = inverse
    weighted = np.divide(wsum, wtot, out=np.full(n_rev, np.nan), where=wtot != 0)
    return keys, weighted, counts, rows


def rubric_scale(criteria: Sequence[Criterion]) -> tuple[float, float]:
    """Scale of the weighted score: the weighted means of the criteria's minima and maxima."""
    lo = weighted_mean((c.weight, _bound(c.minimum)) for c in criteria)
    hi = weighted_mean((c.weight, _bound(c.maximum)) for c in criteria)
    return lo, hi


def weighted_score(*, scores: Mapping[str, float], criteria: Sequence[Criterion]) -> float:
    """Weighted score ``sum(w*s)/sum(w)`` of one complete review.

    Raises :class:`InputError` when a criterion is missing or unknown, or a score is outside
    its criterion's scale (when the scale is known).  The result is a convex combination of
    the scores, hence always within :func:`rubric_scale`.
    """
    known = {c.name for c in criteria}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise InputError(f"criterion {unknown[0]!r} is not in the rubric")
    missing = [c.name for c in criteria if c.name not in scores]
    if missing:
        raise InputError(f"review is incomplete: missing {', '.join(missing)}")
    for c in criteria:
        _check_score(float(scores[c.name]), c)
    return weighted_mean((c.weight, float(scores[c.name])) for c in criteria)


@dataclass(frozen=True, eq=False)
class WeightedReviews:
    """Result of :func:`weighted_reviews`.

    ``table`` holds the complete reviews; ``by_criterion`` the raw scores of each criterion
    (from complete and incomplete reviews alike, for per-criterion agreement); ``entries`` and
    ``judges`` list every label seen, including those without any complete review.
    """

    table: ReviewTable
    incomplete: tuple[IncompleteReview, ...]
    criteria: tuple[Criterion, ...]
    scale: tuple[float, float]
    entries: tuple[Label, ...]
    judges: tuple[Label, ...]
    by_criterion: dict[str, ReviewTable]


def weighted_reviews(
    *,
    scores: ScoreColumns | Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
) -> WeightedReviews:
    """Validate score rows and compute every review's weighted score (vectorised).

    Raises :class:`InputError` (with the row's ``line``) for: no rows, a non-finite score, a
    criterion not in the rubric, a score outside its criterion's scale, or a duplicate
    ``(entry, judge, criterion)``.  Validation runs in that order and reports the first
    offending row in input order.
    """
    cols = as_score_columns(scores)
    if not len(cols):
        raise InputError("there are no scores")
    x = cols.scores
    finite = np.isfinite(x)
    if not finite.all():
        row = int(np.flatnonzero(~finite)[0])
        raise InputError(f"score {float(x[row])!r} is not a finite number", line=cols.line(row))
    rubric = _resolve(
        as_criteria(criteria), sorted_labels(cols.criteria), float(x.min()), float(x.max())
    )
    c = _rubric_codes(cols, rubric)
    _reject_outside_scale(cols, rubric, c)
    n_j = max(len(cols.judges), 1)
    review_key = cols.entry_codes * n_j + cols.judge_codes
    _reject_duplicates(cols, review_key * len(rubric) + c)

    entry_rank = canonical_ranks(cols.entries)
    judge_rank = canonical_ranks(cols.judges)
    table, incomplete = _weighted_table(cols, rubric, c, review_key, entry_rank, judge_rank)
    by_criterion = {}
    for k, cr in enumerate(rubric):
        mask = c == k
        if mask.any():
            by_criterion[cr.name] = ReviewTable.from_codes(
                entries=cols.entries,
                judges=cols.judges,
                entry_codes=cols.entry_codes[mask],
                judge_codes=cols.judge_codes[mask],
                scores=x[mask],
                entry_rank=entry_rank,
                judge_rank=judge_rank,
            )
    return WeightedReviews(
        table=table,
        incomplete=tuple(incomplete),
        criteria=rubric,
        scale=rubric_scale(rubric),
        entries=tuple(cols.entries[i] for i in np.argsort(entry_rank).tolist()),
        judges=tuple(cols.judges[i] for i in np.argsort(judge_rank).tolist()),
        by_criterion=by_criterion,
    )


def _rubric_codes(cols: ScoreColumns, rubric: Sequence[Criterion]) -> np.ndarray:
    """Each row's criterion as an index into ``rubric``; unknown criteria are an error."""
    crit_index = {c.name: i for i, c in enumerate(rubric)}
    mapping = np.array([crit_index.get(name, -1) for name in cols.criteria], dtype=np.int64)
    c = mapping[cols.criterion_codes]
    if (c < 0).any():
        row = int(np.flatnonzero(c < 0)[0])
        name = cols.criteria[cols.criterion_codes[row]]
        raise InputError(f"criterion {name!r} is not in the rubric", line=cols.line(row))
    return c


def _reject_outside_scale(cols: ScoreColumns, rubric: Sequence[Criterion], c: np.ndarray) -> None:
    x = cols.scores
    mins = np.array([_bound(cr.minimum) for cr in rubric])
    maxs = np.array([_bound(cr.maximum) for cr in rubric])
    outside = (x < mins[c]) | (x > maxs[c])
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        cr = rubric[c[i]]
        raise InputError(
            f"score {_fmt(x[i])} for criterion {cr.name!r} is outside its scale "
            f"{_fmt(_bound(cr.minimum))}..{_fmt(_bound(cr.maximum))}",
            line=cols.line(i),
        )


def _weighted_table(
    cols: ScoreColumns,
    rubric: Sequence[Criterion],
    c: np.ndarray,
    review_key: np.ndarray,
    entry_rank: np.ndarray,
    judge_rank: np.ndarray,
) -> tuple[ReviewTable, list[IncompleteReview]]:
    """Weighted scores of the complete reviews, and the incomplete ones."""
    n_j = max(len(cols.judges), 1)
    n_c = len(rubric)
    keys, weighted, counts, rows = review_weighted_scores(
        review_keys=review_key,
        criterion_codes=c,
        scores=cols.scores,
        weights=np.array([cr.weight for cr in rubric]),
    )
    n_rev = len(keys)
    complete = counts == n_c
    table = ReviewTable.from_codes(
        entries=cols.entries,
        judges=cols.judges,
        entry_codes=keys[complete] // n_j,
        judge_codes=keys[complete] % n_j,
        scores=weighted[complete],
        entry_rank=entry_rank,
        judge_rank=judge_rank,
    )
    incomplete: list[IncompleteReview] = []
    if not complete.all():
        present = np.zeros((n_rev, n_c), dtype=bool)
        present[rows, c] = True
        for r in np.flatnonzero(~complete).tolist():
            missing = tuple(rubric[k].name for k in np.flatnonzero(~present[r]).tolist())
            incomplete.append(
                IncompleteReview(
                    entry=cols.entries[keys[r] // n_j],
                    judge=cols.judges[keys[r] % n_j],
                    missing=missing,
                )
            )
        incomplete.sort(key=lambda ir: (label_key(ir.entry), label_key(ir.judge)))
    return table, incomplete


def validate_scores(
    *,
    scores: ScoreColumns | Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
) -> None:
    """Raise :class:`InputError` for the first invalid row (see :func:`weighted_reviews`)."""
    weighted_reviews(scores=scores, criteria=criteria)


def _reject_duplicates(cols: ScoreColumns, key: np.ndarray) -> None:
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    dup = np.flatnonzero(sorted_key[1:] == sorted_key[:-1])
    if not len(dup):
        return
    # Of all repeated rows report the one that comes first in the input, naming the original.
    later = order[dup + 1]
    pick = int(np.argmin(later))
    second = cols.row(int(later[pick]))
    # The original is the first row with this key (stable sort keeps input order).
    first_pos = int(np.searchsorted(sorted_key, sorted_key[dup[pick]], side="left"))
    first_line = cols.line(int(order[first_pos]))
    where = (
        f"first given on line {first_line}"
        if first_line is not None
        else f"rows {int(order[first_pos]) + 1} and {int(later[pick]) + 1}"
    )
    raise InputError(
        f"duplicate score for entry {second.entry!r}, judge {second.judge!r}, "
        f"criterion {second.criterion!r} ({where})",
        line=second.line,
    )


def _check_score(score: float, criterion: Criterion) -> None:
    if not _is_finite_number(score):
        raise InputError(f"score {score!r} is not a finite number")
    lo = criterion.minimum
    hi = criterion.maximum
    if (lo is not None and score < lo) or (hi is not None and score > hi):
        raise InputError(
            f"score {_fmt(score)} for criterion {criterion.name!r} is outside its scale "
            f"{_fmt(lo) if lo is not None else '-inf'}..{_fmt(hi) if hi is not None else 'inf'}"
        )


def _bound(value: float | None) -> float:
    if value is None:  # only after _resolve, which fills every bound
        raise InputError("criterion scale is not resolved")
    return float(value)
