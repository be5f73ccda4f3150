import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging.results.inputs import ReviewTable
from judging.results.reliability import (
    LEVELS,
    alpha_all_levels,
    alpha_from_reviews,
    criterion_agreement,
    deviating_judges,
    icc,
    icc_from_reviews,
    judge_agreement,
    kendall_w,
    kendall_w_from_reviews,
    krippendorff_alpha,
    pooled_within_entry_sd,
)

# Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
# reliability. Psychological Bulletin 86(2), 420-428, Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, section C: 4 observers x 12 units with missing
# values (rows are observers A..D, columns units 1..12).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15 units.
WIKIPEDIA_ALPHA = [
    [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
    [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
    [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
]

# NAG Library Manual, routine G08DAF (Kendall's coefficient of concordance), example program:
# 3 comparisons of 10 objects with tied scores; published result "Kendall's coefficient = 0.828".
NAG_G08DAF = [
    [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
    [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
    [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
]


def _table_from_matrix(rows, *, coders_in_rows: bool) -> ReviewTable:
    """Entries x judges table from a matrix (None = missing)."""
    matrix = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
    if coders_in_rows:
        matrix = matrix.T
    return ReviewTable.from_reviews(
        (f"E{e}", f"J{j}", matrix[e, j])
        for e in range(matrix.shape[0])
        for j in range(matrix.shape[1])
        if not np.isnan(matrix[e, j])
    )


def test_icc_shrout_fleiss_table_2_matches_published_values():
    # Published (Shrout & Fleiss 1979, p. 425): ICC(1,1)=.17 ICC(2,1)=.29 ICC(3,1)=.71
    # ICC(1,4)=.44 ICC(2,4)=.62 ICC(3,4)=.91.
    result = icc(ratings=SHROUT_FLEISS)
    assert {k: round(v, 2) for k, v in result.items()} == {
        "ICC1": 0.17,
        "ICC2": 0.29,
        "ICC3": 0.71,
        "ICC1k": 0.44,
        "ICC2k": 0.62,
        "ICC3k": 0.91,
    }


def test_icc_shrout_fleiss_agrees_with_published_mean_squares():
    # Shrout & Fleiss (1979) Table 3 (ANOVA of the Table 2 data): BMS = 11.24, JMS = 32.49,
    # EMS = 1.02, WMS = 6.26 with n = 6 targets and k = 4 judges.  Plugging the published
    # (rounded) mean squares into the six formulas must agree with our exact ICCs to within the
    # effect of that rounding.
    bms, jms, ems, wms, n, k = 11.24, 32.49, 1.02, 6.26, 6, 4
    from_table = {
        "ICC1": (bms - wms) / (bms + (k - 1) * wms),
        "ICC2": (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n),
        "ICC3": (bms - ems) / (bms + (k - 1) * ems),
        "ICC1k": (bms - wms) / bms,
        "ICC2k": (bms - ems) / (bms + (jms - ems) / n),
        "ICC3k": (bms - ems) / bms,
    }
    result = icc(ratings=SHROUT_FLEISS)
    assert result == pytest.approx(from_table, abs=2e-3)


def test_icc_from_reviews_uses_entries_as_targets():
    table = _table_from_matrix(SHROUT_FLEISS, coders_in_rows=False)
    assert icc_from_reviews(reviews=table) == pytest.approx(icc(ratings=SHROUT_FLEISS), rel=1e-12)


def test_icc_incomplete_design_is_none():
    ratings = [row[:] for row in SHROUT_FLEISS]
    ratings[2][1] = None
    assert icc(ratings=ratings) is None
    table = _table_from_matrix(ratings, coders_in_rows=False)
    assert icc_from_reviews(reviews=table) is None


def test_icc_constant_ratings_give_none_not_nan():
    result = icc(ratings=[[5, 5], [5, 5], [5, 5]])
    assert result == dict.fromkeys(("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"))


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_2011_worked_example(level, published):
    # Krippendorff (2011), section C: alpha_nominal = .743, alpha_ordinal = .815,
    # alpha_interval = .849, alpha_ratio = .797.
    assert round(krippendorff_alpha(data=KRIPPENDORFF_2011, level=level), 3) == published


def test_krippendorff_alpha_2011_nominal_exact_fraction():
    # Krippendorff (2011), nominal case: alpha = 1 - (n - 1) * sum_{c != k} o_ck /
    # sum_{c != k} n_c n_k.  His coincidence matrix of these data has n = 40 pairable values,
    # margins n_1..n_5 = 9, 13, 10, 5, 3 and off-diagonal coincidences totalling 8
    # (1.33 + 0.33 + 0.33 for 1-2, 1-3, 1-4, etc.), giving .743.
    expected = 1 - 39 * 8 / (40**2 - (9**2 + 13**2 + 10**2 + 5**2 + 3**2))
    assert krippendorff_alpha(data=KRIPPENDORFF_2011, level="nominal") == pytest.approx(
        expected, rel=1e-12
    )


def test_krippendorff_alpha_wikipedia_example():
    # Wikipedia "Krippendorff's alpha", computational example: alpha_nominal = 0.691; the
    # reference implementation `krippendorff` (PyPI, pln-fing-udelar/fast-krippendorff) documents
    # 0.691358 (nominal) and 0.810845 (interval) for the same data.
    assert round(krippendorff_alpha(data=WIKIPEDIA_ALPHA, level="nominal"), 6) == 0.691358
    assert round(krippendorff_alpha(data=WIKIPEDIA_ALPHA, level="interval"), 6) == 0.810845


def test_alpha_from_reviews_units_are_entries_coders_are_judges():
    table = _table_from_matrix(KRIPPENDORFF_2011, coders_in_rows=True)
    result = alpha_all_levels(reviews=table)
    assert {k: round(v, 3) for k, v in result.items()} == {
        "nominal": 0.743,
        "ordinal": 0.815,
        "interval": 0.849,
        "ratio": 0.797,
    }


def test_alpha_ratio_none_with_negative_scores():
    table = ReviewTable.from_reviews([("E1", "J1", -1.0), ("E1", "J2", 1.0), ("E2", "J1", 0.0)])
    assert alpha_all_levels(reviews=table)["ratio"] is None
    with pytest.raises(ValueError, match="non-negative"):
        alpha_from_reviews(reviews=table, level="ratio")


def test_alpha_no_pairable_values_is_none():
    # Every unit has a single value: nothing can be compared.
    assert krippendorff_alpha(data=[[1, None], [None, 2]], level="interval") is None


def test_alpha_all_values_equal_is_none():
    assert krippendorff_alpha(data=[[3, 3, 3], [3, 3, 3]], level="nominal") is None


def test_alpha_perfect_agreement_is_one():
    data = [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, None]]
    assert all(krippendorff_alpha(data=data, level=level) == 1.0 for level in LEVELS)


def _naive_alpha(data, level):
    """Textbook alpha: coincidence matrix and metric over all value pairs (Krippendorff 2011)."""
    units = [[v for v in col if v is not None] for col in zip(*data, strict=True)]
    units = [u for u in units if len(u) >= 2]
    values = sorted({v for u in units for v in u})
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for u in units:
        for a in range(len(u)):
            for b in range(len(u)):
                if a != b:
                    o[index[u[a]], index[u[b]]] += 1 / (len(u) - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()

    def delta(c, k):
        vc, vk = values[c], values[k]
        if level == "nominal":
            return float(vc != vk)
        if level == "interval":
            return (vc - vk) ** 2
        if level == "ratio":
            return 0.0 if vc + vk == 0 else ((vc - vk) / (vc + vk)) ** 2
        lo, hi = min(c, k), max(c, k)
        return (n_c[lo : hi + 1].sum() - (n_c[c] + n_c[k]) / 2) ** 2

    d = np.array([[delta(c, k) for k in range(len(values))] for c in range(len(values))])
    expected = (np.outer(n_c, n_c) * d).sum()
    return 1 - (n - 1) * (o * d).sum() / expected


@settings(max_examples=60, deadline=None)
@given(
    data=st.integers(2, 4).flatmap(
        lambda coders: st.integers(2, 8).flatmap(
            lambda units: st.lists(
                st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=units, max_size=units),
                min_size=coders,
                max_size=coders,
            )
        )
    ),
    level=st.sampled_from(LEVELS),
)
def test_alpha_vectorised_matches_textbook_coincidence_matrix(data, level):
    fast = krippendorff_alpha(data=data, level=level)
    units = [[v for v in col if v is not None] for col in zip(*data, strict=True)]
    pairable = [v for u in units if len(u) >= 2 for v in u]
    if len(set(pairable)) < 2:
        assert fast is None
    else:
        assert fast == pytest.approx(_naive_alpha(data, level), rel=1e-9, abs=1e-12)


def test_kendall_w_nag_example_with_ties():
    # NAG G08DAF example (3 comparisons x 10 objects, tied scores): W = 0.828.
    w = kendall_w(ratings=np.array(NAG_G08DAF).T)
    assert round(w, 3) == 0.828


def test_kendall_w_nag_example_tie_correction_exact():
    # Same data by hand: the rank sums 5.5, 6.5, 9, 13.5, 12, 20, 23, 23.5, 25.5, 26.5 give
    # S = 591; the tied groups give sum(t^3 - t) = 12, 18 and 84 for the three comparisons,
    # so W = 12 * 591 / (3^2 * (10^3 - 10) - 3 * 114) with m = 3 comparisons, n = 10 objects.
    w = kendall_w(ratings=np.array(NAG_G08DAF).T)
    assert w == pytest.approx(12 * 591 / (9 * 990 - 3 * 114), rel=1e-12)


def test_kendall_w_proofwiki_example_without_ties():
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1": competitors
    # X, Y, Z ranked by 4 judges (X: 1,1,2,3; Y: 3,2,3,1; Z: 2,3,1,2); W = 1/16.
    ranks = [[1, 1, 2, 3], [3, 2, 3, 1], [2, 3, 1, 2]]
    assert kendall_w(ratings=ranks) == pytest.approx(1 / 16, rel=1e-12)


def test_kendall_w_from_reviews_none_when_a_judge_missed_an_entry():
    table = _table_from_matrix([[1, 2], [2, None], [3, 3]], coders_in_rows=False)
    assert kendall_w_from_reviews(reviews=table) is None


def test_kendall_w_from_reviews_perfect_agreement_is_one():
    table = _table_from_matrix([[1, 2], [2, 4], [3, 6]], coders_in_rows=False)
    assert kendall_w_from_reviews(reviews=table) == pytest.approx(1.0, rel=1e-12)


def test_judge_agreement_hand_computed_deviation():
    # E1: J1=4, J2=6, J3=8; E2: J1=3, J2=5, J3=10.  J3 vs the others: 8 - 5 = 3 and
    # 10 - 4 = 6, mean 4.5.  Pooled within-entry SD of all scores: sqrt((8 + 26) / (2 + 2));
    # without J3 (J1, J2 only): E1 {4, 6} and E2 {3, 5} give sqrt((2 + 2) / (1 + 1)).
    table = ReviewTable.from_reviews(
        [("E1", "J1", 4), ("E1", "J2", 6), ("E1", "J3", 8)]
        + [("E2", "J1", 3), ("E2", "J2", 5), ("E2", "J3", 10)]
    )
    assert pooled_within_entry_sd(table) == pytest.approx(math.sqrt(34 / 4), rel=1e-12)
    by_judge = {a.judge: a for a in judge_agreement(reviews=table)}
    assert by_judge["J3"].mean_deviation == pytest.approx(4.5, rel=1e-12)
    assert by_judge["J3"].deviation_sd == pytest.approx(4.5 / math.sqrt(2), rel=1e-12)
    # Without J1: E1 {6, 8}, E2 {5, 10}: sqrt((2 + 12.5) / 2).
    assert by_judge["J1"].deviation_sd == pytest.approx(-3.75 / math.sqrt(7.25), rel=1e-12)
    assert by_judge["J1"].mean_deviation == pytest.approx(-3.75, rel=1e-12)
    assert by_judge["J3"].shared == 2
    assert by_judge["J3"].correlation is None  # fewer than 3 shared reviews


def test_judge_agreement_single_review_entries_are_not_shared():
    table = ReviewTable.from_reviews([("E1", "J1", 4), ("E2", "J2", 6)])
    assert [(a.shared, a.mean_deviation) for a in judge_agreement(reviews=table)] == [
        (0, None),
        (0, None),
    ]
    assert pooled_within_entry_sd(table) is None


def test_deviating_judges_flags_reversed_judge_by_correlation():
    quality = [2, 3, 4, 5, 6, 7, 8, 9, 3, 5, 7, 9]
    reviews = []
    for e, q in enumerate(quality):
        reviews += [(f"E{e}", "J1", q), (f"E{e}", "J2", q + 0.5), (f"E{e}", "J3", q - 0.5)]
        reviews.append((f"E{e}", "J4", 11 - q))
    agreement = {a.judge: a for a in judge_agreement(reviews=reviews)}
    assert agreement["J1"].correlation > 0.9
    assert agreement["J4"].correlation < 0
    flags = deviating_judges(agreement=list(agreement.values()))
    assert [(f.judge, f.rule) for f in flags] == [("J4", "correlation")]


def test_deviating_judges_flags_far_too_lenient_judge():
    quality = [2, 3, 4, 5, 3, 4]
    reviews = []
    for e, q in enumerate(quality):
        reviews += [(f"E{e}", "J1", q), (f"E{e}", "J2", q + 0.5), (f"E{e}", "J3", q - 0.5)]
        reviews.append((f"E{e}", "J4", q + 4))
    flags = deviating_judges(agreement=judge_agreement(reviews=reviews))
    assert [(f.judge, f.rule) for f in flags] == [("J4", "deviation")]
    assert flags[0].value > 2.0
    assert "higher" in flags[0].message


def test_deviating_judges_thresholds_are_parameters():
    quality = [2, 3, 4, 5, 3, 4]
    reviews = []
    for e, q in enumerate(quality):
        reviews += [(f"E{e}", "J1", q), (f"E{e}", "J2", q + 0.5), (f"E{e}", "J3", q - 0.5)]
        reviews.append((f"E{e}", "J4", q + 4))
    agreement = judge_agreement(reviews=reviews)
    assert deviating_judges(agreement=agreement, deviation_threshold=100.0) == []


def test_criterion_agreement_reports_alpha_and_icc_per_criterion():
    complete = _table_from_matrix(SHROUT_FLEISS, coders_in_rows=False)
    partial = _table_from_matrix(KRIPPENDORFF_2011, coders_in_rows=True)
    result = {c.criterion: c for c in criterion_agreement(tables={"a": complete, "b": partial})}
    assert result["a"].icc == pytest.approx(icc(ratings=SHROUT_FLEISS), rel=1e-12)
    assert round(result["b"].alpha_interval, 3) == 0.849
    assert result["b"].icc is None
    assert result["b"].reviews == 41


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(1, 10)),
        min_size=2,
        max_size=30,
        unique_by=lambda c: (c[0], c[1]),
    )
)
def test_deviation_yardstick_is_pooled_sd_without_the_judge(cells):
    reviews = [(f"E{e}", f"J{j}", float(v)) for e, j, v in cells]
    for a in judge_agreement(reviews=reviews):
        others = [r for r in reviews if r[1] != a.judge]
        sd = pooled_within_entry_sd(ReviewTable.from_reviews(others)) if others else None
        if a.mean_deviation is None or not sd:
            assert a.deviation_sd is None
        else:
            assert a.deviation_sd == pytest.approx(a.mean_deviation / sd, rel=1e-9, abs=1e-12)
