"""The one weighted score: for one review and for many in columns, the same figures."""

from decimal import Decimal

import numpy as np

from judging.results.weighting import review_weighted_scores, weighted_mean


def test_weighted_mean_leaves_out_blank_scores_and_stays_exact_in_decimal():
    pairs = [(Decimal("1.5"), Decimal(3)), (Decimal(1), None), (Decimal("0.5"), Decimal(4))]

    assert weighted_mean(pairs) == Decimal("3.25")
    assert weighted_mean([(Decimal(1), None)]) is None


def test_review_weighted_scores_match_weighted_mean_bit_for_bit():
    weights = np.array([0.3, 1.7, 2.0])
    rng = np.random.default_rng(7)
    scores = rng.integers(1, 8, size=(40, 3)).astype(float)
    rows = [(review, code) for review in range(40) for code in (2, 0, 1)]  # any row order
    keys, weighted, counts, _rows = review_weighted_scores(
        review_keys=np.array([r for r, _c in rows]),
        criterion_codes=np.array([c for _r, c in rows]),
        scores=np.array([scores[r, c] for r, c in rows]),
        weights=weights,
    )

    assert keys.tolist() == list(range(40))
    assert counts.tolist() == [3] * 40
    assert weighted.tolist() == [
        weighted_mean((float(w), float(s)) for w, s in zip(weights, scores[r], strict=True))
        for r in range(40)
    ]
