"""Submitted reviews with realistic scores for a seeded round: each entry has a true quality,
each judge a leniency, every score noise on top. Shared by the results benchmarks."""

import numpy as np
from seed_scale import _bulk

from judging.enums import ReviewStatus
from judging.models import Assignment, Review, Score


def reviews_seed(*, round, entry_list, judges, criteria, per_entry: int, rng, now) -> None:
    """`per_entry` judges (drawn from `judges`) review every entry of `entry_list` in `round`."""
    entries = len(entry_list)
    quality = rng.normal(6.0, 1.2, entries)
    leniency = rng.normal(0.0, 0.7, len(judges))
    panels = [rng.choice(len(judges), size=per_entry, replace=False) for _ in range(entries)]
    assignments = _bulk(
        Assignment,
        [
            Assignment(round=round, entry=entry, judge=judges[j])
            for entry, panel in zip(entry_list, panels, strict=True)
            for j in panel.tolist()
        ],
        "assignments",
    )
    reviews = _bulk(
        Review,
        [
            Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now, version=1)
            for a in assignments
        ],
        "reviews",
    )
    e_index = np.repeat(np.arange(entries), per_entry)
    j_index = np.concatenate(panels)
    noise = rng.normal(0.0, 1.0, (len(reviews), len(criteria)))
    values = np.clip(
        np.rint(quality[e_index, None] + leniency[j_index, None] + noise), 1, 10
    ).astype(int)
    _bulk(
        Score,
        [
            Score(review=review, criterion=criterion, value=int(values[r, c]))
            for r, review in enumerate(reviews)
            for c, criterion in enumerate(criteria)
        ],
        "scores",
    )
