import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from judging.results.calibration import DEFAULT_RIDGE, fit_additive, zscore_calibration
from judging.results.inputs import ReviewTable

# Shrout & Fleiss (1979) Table 2 again, as a complete design (rows entries, columns judges).
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def _complete(matrix):
    return [(f"E{e}", f"J{j}", float(v)) for e, row in enumerate(matrix) for j, v in enumerate(row)]


def test_zscore_hand_example_maps_back_to_the_rubric_scale():
    # J1 gives 1, 2, 3 (mean 2, sd 1); J2 gives 5, 7, 9 (mean 7, sd 2): both z = -1, 0, 1.
    # All six scores: mean 4.5, sample sd sqrt(47.5 / 5); entries map to 4.5 + sd * z.
    reviews = [("E1", "J1", 1), ("E2", "J1", 2), ("E3", "J1", 3)]
    reviews += [("E1", "J2", 5), ("E2", "J2", 7), ("E3", "J2", 9)]
    result = zscore_calibration(reviews=reviews)
    sd = math.sqrt(9.5)
    assert result.global_mean == 4.5
    assert result.global_sd == pytest.approx(sd, rel=1e-15)
    assert result.entry_scores == pytest.approx({"E1": 4.5 - sd, "E2": 4.5, "E3": 4.5 + sd})
    assert [(j.judge, j.mean, j.sd, j.standardised) for j in result.judges] == [
        ("J1", 2.0, 1.0, True),
        ("J2", 7.0, 2.0, True),
    ]


def test_zscore_single_review_and_flat_judges_count_as_the_global_mean():
    # J3 reviewed once, J4 gave 6 twice: neither can be standardised, so their reviews become
    # z = 0, i.e. the global mean, instead of dividing by a zero or undefined sd.
    reviews = [("E1", "J1", 1), ("E2", "J1", 3), ("E1", "J2", 2), ("E2", "J2", 6)]
    reviews += [("E1", "J3", 9), ("E1", "J4", 6), ("E2", "J4", 6)]
    result = zscore_calibration(reviews=reviews)
    flags = {j.judge: (j.standardised, j.sd) for j in result.judges}
    assert flags == {
        "J1": (True, math.sqrt(2)),
        "J2": (True, math.sqrt(8)),
        "J3": (False, None),
        "J4": (False, 0.0),
    }
    adjusted = {
        (result.adjusted.entries[e], result.adjusted.judges[j]): v
        for e, j, v in zip(
            result.adjusted.entry_index,
            result.adjusted.judge_index,
            result.adjusted.scores,
            strict=True,
        )
    }
    mean = np.mean([1, 3, 2, 6, 9, 6, 6])
    assert adjusted[("E1", "J3")] == mean
    assert adjusted[("E1", "J4")] == adjusted[("E2", "J4")] == mean
    assert all(math.isfinite(v) for v in result.entry_scores.values())


def test_additive_complete_design_offsets_are_column_mean_deviations():
    # In a complete design with sum-to-zero offsets the least-squares solution is closed-form:
    # offset = judge's mean - grand mean, quality = entry's mean.
    x = np.array(SHROUT_FLEISS, dtype=float)
    fit = fit_additive(reviews=_complete(SHROUT_FLEISS), ridge=0.0)
    assert fit.offsets == pytest.approx(
        {f"J{j}": v for j, v in enumerate(x.mean(axis=0) - x.mean())}, abs=1e-12
    )
    assert fit.qualities == pytest.approx(
        {f"E{e}": v for e, v in enumerate(x.mean(axis=1))}, abs=1e-12
    )
    # Residual df = 24 - 6 - 4 + 1 = 15; RSS is the two-way ANOVA error sum of squares.
    assert fit.degrees_of_freedom == 15
    assert fit.residual_sd == pytest.approx(math.sqrt(15.291666666666666 / 15), rel=1e-12)


def test_additive_default_ridge_is_negligible_on_a_complete_design():
    x = np.array(SHROUT_FLEISS, dtype=float)
    fit = fit_additive(reviews=_complete(SHROUT_FLEISS))
    assert fit.ridge == DEFAULT_RIDGE
    assert fit.offsets == pytest.approx(
        {f"J{j}": v for j, v in enumerate(x.mean(axis=0) - x.mean())}, abs=1e-4
    )
    assert sum(fit.offsets.values()) == pytest.approx(0.0, abs=1e-12)


def _ols_offset_se(reviews, n_e, n_j):
    """Reference: dense OLS with the last judge coded as minus the sum of the others."""
    X = np.zeros((len(reviews), n_e + n_j - 1))
    y = np.zeros(len(reviews))
    for r, (e, j, v) in enumerate(reviews):
        X[r, e] = 1.0
        if j < n_j - 1:
            X[r, n_e + j] = 1.0
        else:
            X[r, n_e:] = -1.0
        y[r] = v
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    dof = len(y) - X.shape[1]
    cov = (resid @ resid / dof) * np.linalg.inv(X.T @ X)
    block = cov[n_e:, n_e:]
    var = list(np.diag(block)) + [block.sum()]
    offsets = list(beta[n_e:]) + [-beta[n_e:].sum()]
    return offsets, [math.sqrt(v) for v in var]


def test_additive_standard_errors_match_dense_least_squares():
    rng = np.random.default_rng(7)
    n_e, n_j = 12, 5
    reviews = []
    for e in range(n_e):
        for j in rng.choice(n_j, size=3, replace=False):
            reviews.append((e, int(j), float(rng.integers(1, 11))))
    fit = fit_additive(reviews=[(f"E{e:02}", f"J{j}", v) for e, j, v in reviews], ridge=0.0)
    offsets, ses = _ols_offset_se(reviews, n_e, n_j)
    assert [j.offset for j in fit.judges] == pytest.approx(offsets, rel=1e-9, abs=1e-12)
    assert [j.offset_sd for j in fit.judges] == pytest.approx(ses, rel=1e-9)


def test_additive_reports_disconnected_components():
    # J1, J2 share E1, E2; J3 alone judged E3 and E4: two groups whose offsets are incomparable.
    reviews = [("E1", "J1", 5), ("E1", "J2", 7), ("E2", "J1", 4), ("E2", "J2", 8)]
    reviews += [("E3", "J3", 6), ("E4", "J3", 2)]
    fit = fit_additive(reviews=reviews, ridge=0.0)
    assert [(c.judges, c.entries) for c in fit.components] == [
        (("J1", "J2"), ("E1", "E2")),
        (("J3",), ("E3", "E4")),
    ]
    by_judge = {j.judge: j for j in fit.judges}
    assert by_judge["J1"].offset == pytest.approx(-1.5, abs=1e-12)
    assert by_judge["J2"].offset == pytest.approx(1.5, abs=1e-12)
    # A judge alone in their component has offset 0 by the constraint and no uncertainty.
    assert (by_judge["J3"].offset, by_judge["J3"].offset_sd, by_judge["J3"].component) == (
        0.0,
        None,
        1,
    )
    assert fit.qualities == pytest.approx({"E1": 6.0, "E2": 6.0, "E3": 6.0, "E4": 2.0})


def test_additive_quality_is_mean_of_adjusted_reviews():
    reviews = [("E1", "J1", 5), ("E1", "J2", 7), ("E2", "J2", 8), ("E3", "J1", 3), ("E3", "J3", 4)]
    reviews += [("E2", "J3", 9)]
    fit = fit_additive(reviews=reviews)
    adjusted = fit.adjusted
    means = np.bincount(adjusted.entry_index, weights=adjusted.scores) / adjusted.entry_counts()
    assert dict(zip(adjusted.entries, means, strict=True)) == pytest.approx(
        fit.qualities, abs=1e-12
    )


@st.composite
def connected_designs(draw):
    """Noiseless scores quality + offset on a connected incomplete design."""
    n_j = draw(st.integers(2, 5))
    n_e = draw(st.integers(n_j, 8))
    quality = draw(st.lists(st.floats(1, 9), min_size=n_e, max_size=n_e))
    offset = draw(st.lists(st.floats(-2, 2), min_size=n_j, max_size=n_j))
    extra = draw(st.lists(st.booleans(), min_size=n_e * n_j, max_size=n_e * n_j))
    pairs = set()
    for e in range(n_e):
        # Entry e links judges e and e + 1 (mod n_j): consecutive entries chain every judge.
        pairs.add((e, e % n_j))
        pairs.add((e, (e + 1) % n_j))
        pairs.update((e, j) for j in range(n_j) if extra[e * n_j + j])
    reviews = [(f"E{e}", f"J{j}", quality[e] + offset[j]) for e, j in sorted(pairs)]
    return reviews, quality, offset


@settings(max_examples=80, deadline=None)
@given(design=connected_designs())
def test_additive_recovers_noiseless_model_up_to_a_constant(design):
    reviews, quality, offset = design
    fit = fit_additive(reviews=reviews, ridge=0.0)
    assert len(fit.components) == 1
    centred = np.array(offset) - np.mean(offset)
    fitted_offsets = [fit.offsets[f"J{j}"] for j in range(len(offset))]
    assert fitted_offsets == pytest.approx(list(centred), abs=1e-8)
    shift = np.mean(offset)  # qualities absorb the mean offset
    fitted_q = [fit.qualities[f"E{e}"] for e in range(len(quality))]
    assert fitted_q == pytest.approx([q + shift for q in quality], abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(design=connected_designs())
def test_additive_small_ridge_recovers_quality_differences(design):
    reviews, quality, _ = design
    fit = fit_additive(reviews=reviews)  # default ridge
    fitted_q = np.array([fit.qualities[f"E{e}"] for e in range(len(quality))])
    differences = fitted_q - fitted_q[0]
    assert list(differences) == pytest.approx(list(np.array(quality) - quality[0]), abs=2e-3)


@settings(max_examples=40, deadline=None)
@given(design=connected_designs(), seed=st.integers(0, 2**32 - 1))
def test_additive_and_zscore_ignore_input_order(design, seed):
    reviews, _, _ = design
    shuffled = list(reviews)
    np.random.default_rng(seed).shuffle(shuffled)
    assume(shuffled != reviews)
    a, b = fit_additive(reviews=reviews), fit_additive(reviews=shuffled)
    assert a.qualities == b.qualities
    assert a.judges == b.judges
    assert (
        zscore_calibration(reviews=reviews).entry_scores
        == zscore_calibration(reviews=shuffled).entry_scores
    )


def test_additive_empty_table():
    fit = fit_additive(reviews=ReviewTable.from_reviews([]))
    assert (fit.qualities, fit.judges, fit.components) == ({}, [], [])


def test_additive_rejects_negative_ridge():
    with pytest.raises(ValueError, match="non-negative"):
        fit_additive(reviews=[("E", "J", 1.0)], ridge=-1.0)
