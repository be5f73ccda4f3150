"""Ranking stability by bootstrapping reviews.

Each resample redraws every entry's reviews with replacement (an entry with ``n`` reviews gets
``n`` draws from its own reviews) and recomputes every entry's score as the mean of the drawn
values.  From ``resamples`` such draws:

* ``top_probability[e]``: share of resamples in which ``e`` is in the top ``top_n``.  An entry
  counts as in the top N when its score is at least the N-th highest score of that resample, so
  an entry tied on the boundary counts for every tied entry (generous rather than arbitrary).
* for each pair of neighbours in the final order, the share of resamples in which the upper one
  scores above the lower one (exact equality counts one half).  The order of the pair is a
  *statistical tie* when that share is below ``confidence`` (default 0.95): the data do not
  support putting one above the other with 95% bootstrap confidence.

What is resampled are per-review values whose entry mean is the entry's score under the ranking
method: raw weighted scores (``mean``), mapped-back z-scores (``zscore``) or ``x - offset[judge]``
(``offset``).  Calibration parameters are held fixed - a conditional bootstrap; refitting them
in every resample would multiply the cost by the resample count for a second-order effect.
An entry with a single review never varies, so its uncertainty is understated.

Reproducible: the generator is ``numpy.random.default_rng(seed)`` and the draws are made over
the reviews in canonical order (entries by label, then judges), so the same data give the same
probabilities whatever the input row order.  The draws are vectorised over a chunk of
resamples at a time (``chunk x reviews`` values in memory).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .inputs import Label, Review, ReviewTable, as_table

DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95
_CHUNK_VALUES = 4_000_000  # values drawn per chunk (about 32 MB of float64)


@dataclass(frozen=True, slots=True)
class NeighbourSupport:
    entry: Label
    next_entry: Label
    probability_above: float
    statistical_tie: bool


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    resamples: int
    seed: int
    top_n: int
    confidence: float
    top_probability: dict[Label, float]
    neighbours: list[NeighbourSupport]


def bootstrap_ranking(
    *,
    reviews: ReviewTable | Iterable[Review | tuple[Label, Label, float]],
    order: Sequence[Label],
    top_n: int,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
) -> BootstrapResult:
    """Bootstrap the ranking; ``order`` is the final ranking (best first) of the entries."""
    # Kept whole: resampling, refitting and tallying share one loop over the same arrays, and
    # splitting them would hide that every figure comes from the same resamples.
    table = as_table(reviews)
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if not 0 < confidence <= 1:
        raise ValueError("confidence must be in (0, 1]")
    n_e = table.n_entries
    position = {label: i for i, label in enumerate(table.entries)}
    missing = [label for label in order if label not in position]
    if missing:
        raise ValueError(f"entry {missing[0]!r} in order has no reviews")
    order_idx = np.array([position[label] for label in order], dtype=np.int64)
    top_n = int(min(max(top_n, 1), n_e)) if n_e else 0

    counts = table.entry_counts()
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if n_e else np.zeros(0, np.int64)
    # For every review slot: where its entry's reviews start and how many there are.
    slot_start = np.repeat(starts, counts)
    slot_count = np.repeat(counts, counts).astype(float)
    values = table.scores
    n_reviews = table.n_reviews

    rng = np.random.default_rng(seed)
    in_top = np.zeros(n_e)
    above = np.zeros(max(len(order_idx) - 1, 0))
    chunk = max(1, _CHUNK_VALUES // max(n_reviews, 1))
    done = 0
    while done < resamples and n_e:
        b = min(chunk, resamples - done)
        draw = np.floor(rng.random((b, n_reviews)) * slot_count).astype(np.int64)
        # Guard the (theoretical) rounding of u * n up to n.
        np.minimum(draw, (slot_count - 1).astype(np.int64), out=draw)
        sampled = values[slot_start + draw]
        scores = np.add.reduceat(sampled, starts, axis=1) / counts
        kth = np.partition(scores, n_e - top_n, axis=1)[:, n_e - top_n]
        in_top += (scores >= kth[:, None]).sum(axis=0)
        if len(order_idx) > 1:
            ranked = scores[:, order_idx]
            upper, lower = ranked[:, :-1], ranked[:, 1:]
            above += (upper > lower).sum(axis=0) + 0.5 * (upper == lower).sum(axis=0)
        done += b

    share_top = in_top / resamples
    share_above = above / resamples
    return BootstrapResult(
        resamples=int(resamples),
        seed=int(seed),
        top_n=top_n,
        confidence=float(confidence),
        top_probability={label: float(share_top[i]) for i, label in enumerate(table.entries)},
        neighbours=[
            NeighbourSupport(
                entry=order[i],
                next_entry=order[i + 1],
                probability_above=float(share_above[i]),
                statistical_tie=bool(share_above[i] < confidence),
            )
            for i in range(len(order_idx) - 1)
        ],
    )
