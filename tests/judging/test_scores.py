from decimal import Decimal
from types import SimpleNamespace

import pytest

from judging.scores import score_parse, scores_clean, weighted_score


def criterion(pk=1, *, required=True, scale_min=1, scale_max=5, descriptors=""):
    return SimpleNamespace(
        id=pk,
        name=f"Criterion {pk}",
        required=required,
        scale_min=scale_min,
        scale_max=scale_max,
        weight=Decimal(1),
        descriptors=descriptors,
    )


@pytest.mark.parametrize(("raw", "expected"), [("3", Decimal(3)), (" 5 ", Decimal(5)), ("", None)])
def test_score_parse_accepts_whole_numbers_on_the_scale(raw, expected):
    assert score_parse(criterion=criterion(), raw=raw) == expected


@pytest.mark.parametrize("raw", ["0", "6", "2.5", "abc", "NaN", "Infinity", "-1"])
def test_score_parse_refuses_values_off_the_scale(raw):
    with pytest.raises(ValueError, match="Criterion 1: give a whole number from 1 to 5."):
        score_parse(criterion=criterion(), raw=raw)


def test_scores_clean_complete_needs_required_criteria_only():
    criteria = [criterion(1), criterion(2, required=False)]

    values, errors = scores_clean(criteria=criteria, raw={1: "", 2: ""}, complete=True)

    assert values == {1: None, 2: None}
    assert errors == {1: "Criterion 1: a score is required."}


def test_scores_clean_draft_allows_blanks():
    values, errors = scores_clean(criteria=[criterion(1)], raw={1: ""}, complete=False)

    assert (values, errors) == ({1: None}, {})


def test_scores_clean_refuses_criteria_of_another_round():
    _values, errors = scores_clean(criteria=[criterion(1)], raw={1: "2", 99: "5"}, complete=False)

    assert errors == {0: "Some scores are not for this round's criteria."}


def test_weighted_score_leaves_out_blank_values():
    pairs = [(Decimal(2), Decimal(5)), (Decimal(1), Decimal(2)), (Decimal(3), None)]

    assert weighted_score(pairs) == Decimal("4.00")


def test_weighted_score_is_none_when_nothing_scored():
    assert weighted_score([(Decimal(1), None)]) is None
