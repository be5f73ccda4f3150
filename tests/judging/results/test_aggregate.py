import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from judging.results.aggregate import (
    MIN_REVIEWS_FOR_TRIMMED_MEAN,
    TRIM_PROPORTION,
    summarise_entries,
)


def test_summary_of_one_entry_by_hand():
    # Scores 2, 4, 4, 5, 10: mean 5, median 4, sample sd sqrt(((9+1+1+0+25)/4)) = 3,
    # trimmed mean drops one score at each end (int(0.2 * 5) = 1): (4 + 4 + 5) / 3.
    (summary,) = summarise_entries(
        reviews=[("E", f"J{i}", s) for i, s in enumerate([10, 4, 2, 5, 4])]
    )
    assert summary.reviews == 5
    assert summary.mean == 5.0
    assert summary.median == 4.0
    assert summary.sd == 3.0
    assert summary.trimmed_mean == pytest.approx(13 / 3, rel=1e-15)
    assert (summary.minimum, summary.maximum) == (2.0, 10.0)


def test_summary_single_review_has_no_sd_and_no_trimmed_mean():
    (summary,) = summarise_entries(reviews=[("E", "J", 7.0)])
    assert (summary.reviews, summary.mean, summary.median) == (1, 7.0, 7.0)
    assert summary.sd is None
    assert summary.trimmed_mean is None


def test_summary_trimmed_mean_needs_five_reviews():
    assert MIN_REVIEWS_FOR_TRIMMED_MEAN == 5 and TRIM_PROPORTION == 0.2
    (four,) = summarise_entries(reviews=[("E", f"J{i}", s) for i, s in enumerate([1, 2, 3, 10])])
    assert four.trimmed_mean is None
    assert four.median == 2.5


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(
        st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=25),
        min_size=1,
        max_size=8,
    )
)
def test_summaries_match_numpy_and_scipy_per_entry(groups):
    reviews = [(f"E{e}", f"J{j}", s) for e, g in enumerate(groups) for j, s in enumerate(g)]
    by_entry = {s.entry: s for s in summarise_entries(reviews=reviews)}
    for e, g in enumerate(groups):
        s = by_entry[f"E{e}"]
        x = np.array(g)
        assert s.reviews == len(g)
        assert s.mean == pytest.approx(x.mean(), rel=1e-12, abs=1e-12)
        assert s.median == np.median(x)
        assert (s.minimum, s.maximum) == (x.min(), x.max())
        if len(g) >= 2:
            assert s.sd == pytest.approx(x.std(ddof=1), rel=1e-9, abs=1e-9)
        if len(g) >= 5:
            assert s.trimmed_mean == pytest.approx(
                stats.trim_mean(x, TRIM_PROPORTION), rel=1e-12, abs=1e-12
            )
