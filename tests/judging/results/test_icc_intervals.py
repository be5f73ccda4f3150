import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging.results.components import variance_components
from judging.results.icc import icc, icc_intervals
from judging.results.table import ReviewTable

# Shrout & Fleiss (1979) Table 2; 95% bounds as printed by R's psych::ICC(sf) (psych
# documentation, example "sf"): ICC1 -0.133..0.72, ICC2 0.019..0.76, ICC3 0.342..0.95,
# ICC1k -0.884..0.91, ICC2k 0.071..0.93, ICC3k 0.676..0.99.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]
PSYCH = {
    "ICC1": (-0.133, 0.72),
    "ICC2": (0.019, 0.76),
    "ICC3": (0.342, 0.95),
    "ICC1k": (-0.884, 0.91),
    "ICC2k": (0.071, 0.93),
    "ICC3k": (0.676, 0.99),
}


def test_f_intervals_match_the_published_shrout_fleiss_bounds():
    bounds = icc_intervals(ratings=SHROUT_FLEISS)
    for key, (low, high) in PSYCH.items():
        assert round(bounds[key]["low"], 3) == low  # psych prints lower bounds to 3 places
        assert round(bounds[key]["high"], 2) == high  # and upper bounds to 2


def test_f_intervals_contain_the_estimate_and_narrow_with_more_targets():
    rng = np.random.default_rng(4)
    small = rng.normal(0, 1, (8, 1)) + rng.normal(0, 1, (8, 4))
    large = rng.normal(0, 1, (200, 1)) + rng.normal(0, 1, (200, 4))
    for key in PSYCH:
        b_small, b_large = icc_intervals(ratings=small)[key], icc_intervals(ratings=large)[key]
        assert b_small["low"] <= icc(ratings=small)[key] <= b_small["high"]
        assert b_large["high"] - b_large["low"] < b_small["high"] - b_small["low"]


def test_variance_components_of_a_complete_design_reproduce_shrout_fleiss():
    table = ReviewTable.from_reviews(
        [
            (f"E{e}", f"J{j}", float(v))
            for e, row in enumerate(SHROUT_FLEISS)
            for j, v in enumerate(row)
        ]
    )
    found = variance_components(table).iccs()
    published = icc(ratings=SHROUT_FLEISS)
    for ours, theirs in (
        ("ICC_A1", "ICC2"),
        ("ICC_C1", "ICC3"),
        ("ICC_Ak", "ICC2k"),
        ("ICC_Ck", "ICC3k"),
    ):
        assert found[ours] == pytest.approx(published[theirs], abs=1e-6)


def test_variance_components_recover_the_simulated_reliability_of_an_incomplete_design():
    # Entry SD 1, judge SD 0.5, noise SD 1, 4 of 40 judges per entry: ICC(C,1) = 1/2 and
    # ICC(A,1) = 1/2.25 in the population.
    rng = np.random.default_rng(21)
    quality, leniency = rng.normal(0, 1, 3000), rng.normal(0, 0.5, 40)
    rows = [
        (e, int(j), quality[e] + leniency[j] + rng.normal())
        for e in range(3000)
        for j in rng.choice(40, 4, replace=False)
    ]
    found = variance_components(ReviewTable.from_reviews(rows)).iccs()
    assert found["ICC_C1"] == pytest.approx(0.5, abs=0.03)
    assert found["ICC_A1"] == pytest.approx(1 / 2.25, abs=0.04)


@settings(max_examples=200, deadline=None)
@given(
    ratings=st.integers(2, 5).flatmap(
        lambda k: st.lists(
            st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=2, max_size=5
        )
    )
)
def test_intervals_are_numbers_or_absent_never_nan(ratings):
    intervals = icc_intervals(ratings=ratings)

    bounds = [x for v in (intervals or {}).values() if v for x in v.values()]
    assert all(math.isfinite(x) for x in bounds)
