import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging.results.inputs import (
    Criterion,
    InputError,
    ReviewTable,
    ScoreRow,
    label_key,
    resolve_criteria,
    rubric_scale,
    weighted_reviews,
    weighted_score,
)

RUBRIC = [
    Criterion("idea", weight=2.0, minimum=0, maximum=10),
    Criterion("craft", weight=1.0, minimum=0, maximum=10),
    Criterion("fit", weight=1.0, minimum=1, maximum=5),
]


def rows_of(*reviews):
    """Score rows from (entry, judge, {criterion: score}) triples, numbered from line 2."""
    out = []
    for entry, judge, scores in reviews:
        for criterion, score in scores.items():
            out.append(ScoreRow(entry, judge, criterion, score, line=len(out) + 2))
    return out


def test_weighted_score_is_weighted_mean_of_criteria():
    # (2 * 8 + 1 * 6 + 1 * 4) / (2 + 1 + 1) = 26 / 4
    assert weighted_score(scores={"idea": 8, "craft": 6, "fit": 4}, criteria=RUBRIC) == 6.5


def test_weighted_score_missing_criterion_is_an_error_not_zero():
    with pytest.raises(InputError, match="incomplete: missing fit"):
        weighted_score(scores={"idea": 8, "craft": 6}, criteria=RUBRIC)


def test_weighted_score_outside_scale_is_an_error():
    with pytest.raises(
        InputError, match=r"score 6 for criterion 'fit' is outside its scale 1\.\.5"
    ):
        weighted_score(scores={"idea": 8, "craft": 6, "fit": 6}, criteria=RUBRIC)


def test_rubric_scale_is_weighted_mean_of_bounds():
    # min (2 * 0 + 0 + 1) / 4, max (2 * 10 + 10 + 5) / 4
    assert rubric_scale(RUBRIC) == (0.25, 8.75)


@settings(max_examples=100, deadline=None)
@given(
    spec=st.lists(
        st.tuples(
            st.floats(0.01, 100),
            st.floats(-50, 50),
            st.floats(0, 50),
            st.floats(0, 1),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_weighted_score_stays_within_rubric_scale(spec):
    criteria = [
        Criterion(f"c{i}", weight=w, minimum=lo, maximum=lo + width)
        for i, (w, lo, width, _) in enumerate(spec)
    ]
    scores = {f"c{i}": lo + t * width for i, (_, lo, width, t) in enumerate(spec)}
    value = weighted_score(scores=scores, criteria=criteria)
    lo, hi = rubric_scale(criteria)
    slack = 1e-9 * max(1.0, abs(lo), abs(hi))
    assert lo - slack <= value <= hi + slack


def test_weighted_reviews_computes_each_complete_review():
    result = weighted_reviews(
        scores=rows_of(
            ("E1", "J1", {"idea": 8, "craft": 6, "fit": 4}),
            ("E1", "J2", {"idea": 10, "craft": 10, "fit": 5}),
        ),
        criteria=RUBRIC,
    )
    assert [(r.entry, r.judge, r.score) for r in result.table.reviews()] == [
        ("E1", "J1", 6.5),
        ("E1", "J2", 8.75),
    ]
    assert result.scale == (0.25, 8.75)


def test_weighted_reviews_incomplete_review_is_flagged_and_excluded():
    result = weighted_reviews(
        scores=rows_of(
            ("E1", "J1", {"idea": 8, "craft": 6, "fit": 4}),
            ("E1", "J2", {"idea": 10}),
            ("E2", "J2", {"craft": 3}),
        ),
        criteria=RUBRIC,
    )
    assert [(r.entry, r.judge) for r in result.table.reviews()] == [("E1", "J1")]
    assert [(r.entry, r.judge, r.missing) for r in result.incomplete] == [
        ("E1", "J2", ("craft", "fit")),
        ("E2", "J2", ("idea", "fit")),
    ]
    # E2 and J2 are still known, though they have no complete review.
    assert result.entries == ("E1", "E2")
    assert result.judges == ("J1", "J2")


def test_weighted_reviews_out_of_scale_names_line():
    rows = rows_of(("E1", "J1", {"idea": 8, "craft": 11, "fit": 4}))
    with pytest.raises(InputError) as error:
        weighted_reviews(scores=rows, criteria=RUBRIC)
    assert error.value.line == 3
    assert str(error.value) == "line 3: score 11 for criterion 'craft' is outside its scale 0..10"


def test_weighted_reviews_unknown_criterion_names_line():
    rows = rows_of(("E1", "J1", {"idea": 8, "colour": 2}))
    with pytest.raises(InputError, match=r"^line 3: criterion 'colour' is not in the rubric$"):
        weighted_reviews(scores=rows, criteria=RUBRIC)


def test_weighted_reviews_duplicate_names_both_lines():
    rows = rows_of(("E1", "J1", {"idea": 8, "craft": 6}), ("E1", "J1", {"idea": 7}))
    with pytest.raises(InputError) as error:
        weighted_reviews(scores=rows, criteria=RUBRIC)
    assert str(error.value) == (
        "line 4: duplicate score for entry 'E1', judge 'J1', criterion 'idea' "
        "(first given on line 2)"
    )


def test_weighted_reviews_non_finite_score_is_an_error():
    rows = [ScoreRow("E1", "J1", "idea", float("nan"), line=9)]
    with pytest.raises(InputError, match="^line 9: score nan is not a finite number$"):
        weighted_reviews(scores=rows, criteria=RUBRIC)


def test_weighted_reviews_no_rows_is_an_error():
    with pytest.raises(InputError, match="there are no scores"):
        weighted_reviews(scores=[])


def test_weighted_reviews_accepts_tuples_and_mappings():
    result = weighted_reviews(
        scores=[("E1", "J1", "a", 3), {"entry": "E1", "judge": "J2", "criterion": "a", "score": 5}]
    )
    assert [r.score for r in result.table.reviews()] == [3.0, 5.0]


def test_resolve_criteria_without_weights_uses_unit_weights_and_observed_range():
    rows = rows_of(("E1", "J1", {"b": 2, "a": 9}), ("E2", "J1", {"b": 4, "a": 3}))
    assert resolve_criteria(scores=rows) == (
        Criterion("a", 1.0, 2.0, 9.0),
        Criterion("b", 1.0, 2.0, 9.0),
    )


def test_resolve_criteria_fills_only_missing_bounds():
    rows = rows_of(("E1", "J1", {"a": 2, "b": 9}))
    resolved = resolve_criteria(
        scores=rows, criteria=[Criterion("a", 2.0, minimum=0), Criterion("b")]
    )
    assert resolved == (Criterion("a", 2.0, 0.0, 9.0), Criterion("b", 1.0, 2.0, 9.0))


def test_criterion_rejects_bad_weight_and_scale():
    with pytest.raises(InputError, match="must be a positive number"):
        Criterion("a", weight=0)
    with pytest.raises(InputError, match="minimum 5 above its maximum 1"):
        Criterion("a", minimum=5, maximum=1)


def test_label_key_sorts_naturally_and_totally():
    labels = ["E10", "E2", "E1", "e1", "E01", 3, "3"]
    assert sorted(labels, key=label_key) == [3, "3", "E01", "E1", "E2", "E10", "e1"]


def test_label_key_accepts_non_ascii_digits():
    assert sorted(["1²", "1", "E٣"], key=label_key) == ["1", "1²", "E٣"]


def test_review_table_is_canonical_whatever_the_input_order():
    reviews = [("E10", "J2", 1.0), ("E2", "J1", 2.0), ("E2", "J2", 3.0), ("E10", "J1", 4.0)]
    a = ReviewTable.from_reviews(reviews)
    b = ReviewTable.from_reviews(reviews[::-1])
    assert a.entries == b.entries == ("E2", "E10")
    assert a.judges == ("J1", "J2")
    assert a.scores.tolist() == b.scores.tolist() == [2.0, 3.0, 4.0, 1.0]


def test_review_table_rejects_two_reviews_of_one_entry_by_one_judge():
    with pytest.raises(InputError, match="more than one review"):
        ReviewTable.from_reviews([("E1", "J1", 1.0), ("E1", "J1", 2.0)])


def test_review_table_matrix_and_completeness():
    table = ReviewTable.from_reviews([("E1", "J1", 1.0), ("E1", "J2", 2.0), ("E2", "J1", 3.0)])
    assert not table.is_complete()
    assert table.matrix().tolist()[0] == [1.0, 2.0]
