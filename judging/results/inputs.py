"""Input records for the results computation, their validation, and the weighted review score.

Everything that enters the package passes through here:

* :class:`ScoreRow` - one ``(entry, judge, criterion, score)`` observation, as read from a CSV
  file or from the database, optionally carrying the source line number for error messages;
* :class:`Criterion` - a rubric criterion with its weight and scale ``minimum..maximum``;
* :class:`Review` - one judge's weighted score for one entry;
* :class:`ReviewTable` - the same reviews in columnar (numpy) form, in a canonical order.

The weighted score of a review is ``sum(w_c * s_c) / sum(w_c)`` over the rubric's criteria.  A
review missing any criterion is *incomplete*: it is reported and left out of every aggregate,
never silently scored as zero for the missing criteria.

Canonical order.  Entries and judges are sorted by :func:`label_key` (a "natural" sort, so
``J2`` comes before ``J10``) and reviews by ``(entry, judge)``.  Every computation downstream
works on that order, so the results never depend on the order in which rows were given -
permuting input rows reproduces the output bit for bit, bootstrap included.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np

Label: TypeAlias = str | int
"""An entry or judge identifier: a string (CSV) or an integer (database primary key)."""


class InputError(ValueError):
    """Invalid input data.  ``line`` is the source line of the offending row, when known."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line is not None else reason)


@dataclass(frozen=True, slots=True)
class Criterion:
    """A rubric criterion.

    ``minimum``/``maximum`` may be left as ``None``; they are then taken from the smallest and
    largest score observed in the data (see :func:`resolve_criteria`).
    """

    name: str
    weight: float = 1.0
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise InputError("criterion name is empty")
        if not _is_finite_number(self.weight) or self.weight <= 0:
            raise InputError(
                f"weight {self.weight!r} of criterion {self.name!r} must be a positive number"
            )
        for bound in (self.minimum, self.maximum):
            if bound is not None and not _is_finite_number(bound):
                raise InputError(f"scale bound {bound!r} of criterion {self.name!r} is not finite")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InputError(
                f"criterion {self.name!r} has minimum {_fmt(self.minimum)} "
                f"above its maximum {_fmt(self.maximum)}"
            )


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One score given by ``judge`` to ``entry`` on ``criterion``; ``line`` is for messages."""

    entry: Label
    judge: Label
    criterion: str
    score: float
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """One judge's weighted score for one entry (on the rubric's scale)."""

    entry: Label
    judge: Label
    score: float


@dataclass(frozen=True, slots=True)
class IncompleteReview:
    """A review lacking some criteria; it is excluded from every aggregate."""

    entry: Label
    judge: Label
    missing: tuple[str, ...]


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def label_key(label: Label) -> tuple[Any, ...]:
    """Sort key giving a natural order of labels (``E2`` < ``E10``), total and deterministic.

    The raw text and the type name are appended so that distinct labels never compare equal
    (``"E01"`` and ``"E1"``, or ``1`` and ``"1"``).
    """
    text = str(label)
    # re.split with a capturing group alternates text / digit run, so odd positions are ASCII
    # digit runs (str.isdigit would also accept "²", which int() rejects).
    parts = tuple(
        (0, int(part), "") if pos % 2 else (1, 0, part)
        for pos, part in enumerate(_DIGIT_RUNS.split(text))
        if part
    )
    return (parts, text, type(label).__name__)


def sorted_labels(labels: Iterable[Label]) -> tuple[Label, ...]:
    """The distinct labels in canonical (natural) order."""
    return tuple(sorted(set(labels), key=label_key))


@dataclass(frozen=True, eq=False)
class ReviewTable:
    """Complete reviews in columnar form.

    Invariants (established by the constructors, relied on everywhere): ``entries`` and
    ``judges`` are sorted by :func:`label_key` and each has at least one review; rows are
    sorted by ``(entry_index, judge_index)``; a judge reviews an entry at most once.
    """

    entries: tuple[Label, ...]
    judges: tuple[Label, ...]
    entry_index: np.ndarray
    judge_index: np.ndarray
    scores: np.ndarray

    @classmethod
    def from_reviews(cls, reviews: Iterable[Review | tuple[Label, Label, float]]) -> ReviewTable:
        """Build a table from :class:`Review` records or ``(entry, judge, score)`` tuples."""
        entry_codes: dict[Label, int] = {}
        judge_codes: dict[Label, int] = {}
        e_list: list[int] = []
        j_list: list[int] = []
        x_list: list[float] = []
        for review in reviews:
            entry, judge, score = (
                (review.entry, review.judge, review.score) if isinstance(review, Review) else review
            )
            e_list.append(entry_codes.setdefault(entry, len(entry_codes)))
            j_list.append(judge_codes.setdefault(judge, len(judge_codes)))
            x_list.append(float(score))
        x = np.asarray(x_list, dtype=float)
        if not np.all(np.isfinite(x)):
            bad = int(np.flatnonzero(~np.isfinite(x))[0])
            raise InputError(f"review score {x_list[bad]!r} is not a finite number")
        e = np.asarray(e_list, dtype=np.int64)
        j = np.asarray(j_list, dtype=np.int64)
        key = e * max(len(judge_codes), 1) + j
        if len(np.unique(key)) != len(key):
            raise InputError("a judge has more than one review of the same entry")
        return cls.from_codes(
            entries=list(entry_codes),
            judges=list(judge_codes),
            entry_codes=e,
            judge_codes=j,
            scores=x,
        )

    @classmethod
    def from_codes(
        cls,
        *,
        entries: Sequence[Label],
        judges: Sequence[Label],
        entry_codes: np.ndarray,
        judge_codes: np.ndarray,
        scores: np.ndarray,
        entry_rank: np.ndarray | None = None,
        judge_rank: np.ndarray | None = None,
    ) -> ReviewTable:
        """Build a table from integer codes into ``entries``/``judges`` (any order).

        Labels without a review are dropped; the codes are renumbered into canonical order.
        ``entry_rank``/``judge_rank`` may give each label's canonical position (as returned by
        :func:`canonical_ranks`) to skip sorting the labels again.
        """
        entry_codes = np.asarray(entry_codes, dtype=np.int64)
        judge_codes = np.asarray(judge_codes, dtype=np.int64)
        scores = np.asarray(scores, dtype=float)
        e_labels, e = _renumber(entries, entry_codes, entry_rank)
        j_labels, j = _renumber(judges, judge_codes, judge_rank)
        order = np.lexsort((j, e))
        return cls(
            entries=e_labels,
            judges=j_labels,
            entry_index=e[order],
            judge_index=j[order],
            scores=scores[order],
        )

    def with_scores(self, scores: np.ndarray) -> ReviewTable:
        """The same design with other per-review values (e.g. calibrated ones)."""
        return ReviewTable(
            entries=self.entries,
            judges=self.judges,
            entry_index=self.entry_index,
            judge_index=self.judge_index,
            scores=np.asarray(scores, dtype=float),
        )

    @property
    def n_reviews(self) -> int:
        return int(self.scores.shape[0])

    @property
    def n_entries(self) -> int:
        return len(self.entries)

    @property
    def n_judges(self) -> int:
        return len(self.judges)

    def entry_counts(self) -> np.ndarray:
        return np.bincount(self.entry_index, minlength=self.n_entries)

    def judge_counts(self) -> np.ndarray:
        return np.bincount(self.judge_index, minlength=self.n_judges)

    def is_complete(self) -> bool:
        """True when every judge reviewed every entry (a fully crossed design)."""
        return self.n_reviews > 0 and self.n_reviews == self.n_entries * self.n_judges

    def matrix(self) -> np.ndarray:
        """Entries x judges matrix of scores, ``nan`` where a judge did not review an entry."""
        out = np.full((self.n_entries, self.n_judges), np.nan)
        out[self.entry_index, self.judge_index] = self.scores
        return out

    def reviews(self) -> list[Review]:
        return [
            Review(entry=self.entries[e], judge=self.judges[j], score=float(x))
            for e, j, x in zip(
                self.entry_index.tolist(),
                self.judge_index.tolist(),
                self.scores.tolist(),
                strict=True,
            )
        ]


def canonical_ranks(labels: Sequence[Label]) -> np.ndarray:
    """Position of each label in the canonical (natural) order of ``labels``."""
    order = sorted(range(len(labels)), key=lambda i: label_key(labels[i]))
    ranks = np.empty(len(labels), dtype=np.int64)
    ranks[order] = np.arange(len(labels))
    return ranks


def _renumber(
    labels: Sequence[Label], codes: np.ndarray, rank: np.ndarray | None
) -> tuple[tuple[Label, ...], np.ndarray]:
    """Keep the labels that occur in ``codes``, in canonical order, and recode to match."""
    if rank is None:
        rank = canonical_ranks(labels)
    used = np.unique(codes)
    used = used[np.argsort(rank[used], kind="stable")]
    new_code = np.full(len(labels), -1, dtype=np.int64)
    new_code[used] = np.arange(len(used))
    return tuple(labels[i] for i in used.tolist()), new_code[codes]


def as_table(reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]]) -> ReviewTable:
    """Accept either a ready :class:`ReviewTable` or plain review records."""
    if isinstance(reviews, ReviewTable):
        return reviews
    return ReviewTable.from_reviews(reviews)


def as_score_rows(rows: Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]]) -> list[ScoreRow]:
    """Normalise rows given as :class:`ScoreRow`, 4-tuples or mappings with the four keys."""
    out: list[ScoreRow] = []
    for row in rows:
        if isinstance(row, ScoreRow):
            out.append(row)
        elif isinstance(row, Mapping):
            out.append(
                ScoreRow(
                    entry=row["entry"],
                    judge=row["judge"],
                    criterion=row["criterion"],
                    score=row["score"],
                    line=row.get("line"),
                )
            )
        else:
            entry, judge, criterion, score = row
            out.append(ScoreRow(entry=entry, judge=judge, criterion=criterion, score=score))
    return out


def as_criteria(
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None,
) -> list[Criterion] | None:
    """Accept criteria as a sequence of :class:`Criterion` or a mapping name -> weight."""
    if criteria is None:
        return None
    if isinstance(criteria, Mapping):
        return [
            value if isinstance(value, Criterion) else Criterion(name=name, weight=float(value))
            for name, value in criteria.items()
        ]
    return list(criteria)


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


def rubric_scale(criteria: Sequence[Criterion]) -> tuple[float, float]:
    """Scale of the weighted score: the weighted means of the criteria's minima and maxima."""
    total = sum(c.weight for c in criteria)
    lo = sum(c.weight * _bound(c.minimum) for c in criteria) / total
    hi = sum(c.weight * _bound(c.maximum) for c in criteria) / total
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
    total_w = 0.0
    total = 0.0
    for c in criteria:
        s = float(scores[c.name])
        _check_score(s, c)
        total += c.weight * s
        total_w += c.weight
    return total / total_w


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
    scores: Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
) -> WeightedReviews:
    """Validate score rows and compute every review's weighted score (vectorised).

    Raises :class:`InputError` (with the row's ``line``) for: no rows, a non-finite score, a
    criterion not in the rubric, a score outside its criterion's scale, or a duplicate
    ``(entry, judge, criterion)``.  Validation runs in that order and reports the first
    offending row in input order.
    """
    rows = as_score_rows(scores)
    if not rows:
        raise InputError("there are no scores")
    entry_codes: dict[Label, int] = {}
    judge_codes: dict[Label, int] = {}
    e = np.fromiter(
        (entry_codes.setdefault(r.entry, len(entry_codes)) for r in rows), np.int64, len(rows)
    )
    j = np.fromiter(
        (judge_codes.setdefault(r.judge, len(judge_codes)) for r in rows), np.int64, len(rows)
    )
    x_list = []
    for r in rows:
        try:
            x_list.append(float(r.score))
        except (TypeError, ValueError):
            raise InputError(f"score {r.score!r} is not a number", line=r.line) from None
    x = np.asarray(x_list, dtype=float)
    finite = np.isfinite(x)
    if not finite.all():
        r = rows[int(np.flatnonzero(~finite)[0])]
        raise InputError(f"score {r.score!r} is not a finite number", line=r.line)

    names = sorted_labels(str(r.criterion) for r in rows)
    rubric = _resolve(as_criteria(criteria), names, float(x.min()), float(x.max()))
    crit_index = {c.name: i for i, c in enumerate(rubric)}
    c_list = []
    for r in rows:
        code = crit_index.get(str(r.criterion))
        if code is None:
            raise InputError(f"criterion {r.criterion!r} is not in the rubric", line=r.line)
        c_list.append(code)
    c = np.asarray(c_list, dtype=np.int64)

    mins = np.array([_bound(cr.minimum) for cr in rubric])
    maxs = np.array([_bound(cr.maximum) for cr in rubric])
    outside = (x < mins[c]) | (x > maxs[c])
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        cr = rubric[c[i]]
        raise InputError(
            f"score {_fmt(x[i])} for criterion {cr.name!r} is outside its scale "
            f"{_fmt(_bound(cr.minimum))}..{_fmt(_bound(cr.maximum))}",
            line=rows[i].line,
        )

    n_j = max(len(judge_codes), 1)
    n_c = len(rubric)
    review_key = e * n_j + j
    _reject_duplicates(rows, review_key * n_c + c)

    # Sort by (review, criterion) so every review's sum is accumulated in criterion order:
    # identical criterion scores then give bit-identical weighted scores whatever the row order.
    order = np.lexsort((c, review_key))
    rk = review_key[order]
    cs = c[order]
    xs = x[order]
    weights = np.array([cr.weight for cr in rubric])
    ws = weights[cs]
    keys, inverse = np.unique(rk, return_inverse=True)
    n_rev = len(keys)
    wsum = np.bincount(inverse, weights=ws * xs, minlength=n_rev)
    wtot = np.bincount(inverse, weights=ws, minlength=n_rev)
    count = np.bincount(inverse, minlength=n_rev)
    complete = count == n_c

    entries_seen = list(entry_codes)
    judges_seen = list(judge_codes)
    entry_rank = canonical_ranks(entries_seen)
    judge_rank = canonical_ranks(judges_seen)
    table = ReviewTable.from_codes(
        entries=entries_seen,
        judges=judges_seen,
        entry_codes=keys[complete] // n_j,
        judge_codes=keys[complete] % n_j,
        scores=wsum[complete] / wtot[complete],
        entry_rank=entry_rank,
        judge_rank=judge_rank,
    )

    incomplete: list[IncompleteReview] = []
    if not complete.all():
        present = np.zeros((n_rev, n_c), dtype=bool)
        present[inverse, cs] = True
        for r in np.flatnonzero(~complete).tolist():
            missing = tuple(rubric[k].name for k in np.flatnonzero(~present[r]).tolist())
            incomplete.append(
                IncompleteReview(
                    entry=entries_seen[keys[r] // n_j],
                    judge=judges_seen[keys[r] % n_j],
                    missing=missing,
                )
            )
        incomplete.sort(key=lambda ir: (label_key(ir.entry), label_key(ir.judge)))

    by_criterion = {}
    for k, cr in enumerate(rubric):
        mask = c == k
        if mask.any():
            by_criterion[cr.name] = ReviewTable.from_codes(
                entries=entries_seen,
                judges=judges_seen,
                entry_codes=e[mask],
                judge_codes=j[mask],
                scores=x[mask],
                entry_rank=entry_rank,
                judge_rank=judge_rank,
            )

    return WeightedReviews(
        table=table,
        incomplete=tuple(incomplete),
        criteria=rubric,
        scale=rubric_scale(rubric),
        entries=tuple(entries_seen[i] for i in np.argsort(entry_rank).tolist()),
        judges=tuple(judges_seen[i] for i in np.argsort(judge_rank).tolist()),
        by_criterion=by_criterion,
    )


def validate_scores(
    *,
    scores: Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None = None,
) -> None:
    """Raise :class:`InputError` for the first invalid row (see :func:`weighted_reviews`)."""
    weighted_reviews(scores=scores, criteria=criteria)


def _reject_duplicates(rows: Sequence[ScoreRow], key: np.ndarray) -> None:
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    dup = np.flatnonzero(sorted_key[1:] == sorted_key[:-1])
    if not len(dup):
        return
    # Of all repeated rows report the one that comes first in the input, naming the original.
    later = order[dup + 1]
    pick = int(np.argmin(later))
    second = rows[int(later[pick])]
    # The original is the first row with this key (stable sort keeps input order).
    first_pos = int(np.searchsorted(sorted_key, sorted_key[dup[pick]], side="left"))
    first = rows[int(order[first_pos])]
    where = (
        f"first given on line {first.line}"
        if first.line is not None
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


def _is_finite_number(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _fmt(value: float) -> str:
    """Format a number for messages: ``7`` rather than ``7.0``, full precision otherwise."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
