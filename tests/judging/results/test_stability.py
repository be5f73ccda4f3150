import numpy as np
import pytest

from judging.results.inputs import ReviewTable
from judging.results.stability import bootstrap_ranking


def _table(data):
    return ReviewTable.from_reviews(
        (entry, f"J{i}", s) for entry, scores in data.items() for i, s in enumerate(scores)
    )


def test_bootstrap_clear_separation_is_certain():
    table = _table({"A": [9, 9, 9], "B": [5, 5, 5], "C": [1, 1, 1]})
    result = bootstrap_ranking(reviews=table, order=["A", "B", "C"], top_n=1, resamples=200)
    assert result.top_probability == {"A": 1.0, "B": 0.0, "C": 0.0}
    assert [
        (n.entry, n.next_entry, n.probability_above, n.statistical_tie) for n in result.neighbours
    ] == [
        ("A", "B", 1.0, False),
        ("B", "C", 1.0, False),
    ]


def test_bootstrap_identical_entries_are_a_statistical_tie():
    # Same scores: every resample pair is exchangeable, equal draws count one half, so the
    # upper entry is above in about half of the resamples - far below 95%.
    table = _table({"A": [4, 6, 8], "B": [8, 6, 4]})
    result = bootstrap_ranking(reviews=table, order=["A", "B"], top_n=1, resamples=2000, seed=3)
    (pair,) = result.neighbours
    assert pair.statistical_tie
    assert abs(pair.probability_above - 0.5) < 0.05


def test_bootstrap_is_reproducible_with_the_seed():
    rng = np.random.default_rng(1)
    data = {f"E{e}": list(rng.normal(5, 2, 4)) for e in range(30)}
    table = _table(data)
    order = sorted(data, key=lambda k: -np.mean(data[k]))
    a = bootstrap_ranking(reviews=table, order=order, top_n=5, resamples=300, seed=42)
    b = bootstrap_ranking(reviews=table, order=order, top_n=5, resamples=300, seed=42)
    c = bootstrap_ranking(reviews=table, order=order, top_n=5, resamples=300, seed=43)
    assert a.top_probability == b.top_probability
    assert a.neighbours == b.neighbours
    assert a.top_probability != c.top_probability


def test_bootstrap_top_n_probabilities_sum_to_n_without_ties():
    # With continuous scores no two resampled means coincide, so exactly N entries are in the
    # top N of every resample.
    rng = np.random.default_rng(5)
    table = _table({f"E{e}": list(rng.normal(5, 2, 5)) for e in range(40)})
    result = bootstrap_ranking(reviews=table, order=list(table.entries), top_n=7, resamples=500)
    assert sum(result.top_probability.values()) == pytest.approx(7.0, abs=1e-12)


def test_bootstrap_tie_on_the_boundary_counts_for_every_tied_entry():
    table = _table({"A": [5, 5], "B": [5, 5], "C": [1, 1]})
    result = bootstrap_ranking(reviews=table, order=["A", "B", "C"], top_n=1, resamples=50)
    assert result.top_probability == {"A": 1.0, "B": 1.0, "C": 0.0}


def test_bootstrap_top_n_is_clipped_to_the_number_of_entries():
    table = _table({"A": [5], "B": [4]})
    result = bootstrap_ranking(reviews=table, order=["A", "B"], top_n=10, resamples=10)
    assert result.top_n == 2
    assert result.top_probability == {"A": 1.0, "B": 1.0}


def test_bootstrap_rejects_unknown_entry_in_order():
    with pytest.raises(ValueError, match="'Z' in order has no reviews"):
        bootstrap_ranking(reviews=_table({"A": [1]}), order=["Z"], top_n=1)
