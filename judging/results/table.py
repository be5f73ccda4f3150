"""Complete reviews in columnar (numpy) form: :class:`ReviewTable`, in canonical order.

Rows are sorted by ``(entry, judge)`` with entries and judges in :func:`~.records.label_key`
order, so permuting input rows reproduces every output bit for bit, bootstrap included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .records import InputError, Label, Review, label_key


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
