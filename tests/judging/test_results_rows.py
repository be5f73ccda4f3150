"""The results page's rows and sentences."""

import pytest

from judging.results_rows import reliability_reading

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reliability", "expected"),
    [
        (
            {"icc": {"ICC2": 0.78}, "alpha": {"interval": 0.7}},
            "Judges agree well (ICC(2,1) = 0.78): the ranking is reliable.",
        ),
        (
            {"icc": {"ICC2": 0.6}, "alpha": {"interval": 0.5}},
            "Judges agree moderately (ICC(2,1) = 0.60): small differences in rank mean little.",
        ),
        (
            {"icc": None, "alpha": {"interval": 0.21}},
            "Design is incomplete (each judge saw a subset), so ICC and Kendall's W are not "
            "available. Judges disagree a lot (Krippendorff's alpha = 0.21): treat close ranks "
            "as ties.",
        ),
        (
            {"icc": None, "alpha": {"interval": None}},
            "Too few entries were reviewed by more than one judge to measure agreement.",
        ),
    ],
)
def test_reliability_reading_in_plain_language(reliability, expected):
    assert reliability_reading({"reliability": reliability}) == expected
