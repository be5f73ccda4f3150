"""The judging forms."""

from judging.forms import score_levels
from tests.judging.test_scores import criterion


def test_score_levels_pair_each_value_with_its_descriptor():
    levels = score_levels(criterion(scale_min=1, scale_max=3, descriptors="Weak\n\nGood\n"))

    assert levels == [(1, "Weak"), (2, "Good"), (3, "")]
