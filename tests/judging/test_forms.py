"""The judging forms."""

from judging.forms import ReviewForm, score_levels
from tests.judging.test_scores import criterion


def test_score_levels_pair_each_value_with_its_descriptor():
    levels = score_levels(criterion(scale_min=1, scale_max=3, descriptors="Weak\n\nGood\n"))

    assert levels == [(1, "Weak"), (2, "Good"), (3, "")]


def test_review_form_builds_one_field_per_criterion_and_keeps_input_as_typed():
    criteria = [criterion(1), criterion(2)]
    for c in criteria:
        c.pk = c.id  # the form names fields by primary key, as models have it
    data = {"score_1": " 4 ", "score_2": "", "score_99": "5", "version": "x", "comment": " Hi "}

    form = ReviewForm(data, assignment=None, user=None, criteria=criteria)

    assert form.is_valid()
    assert sorted(form.fields) == ["comment", "feedback", "score_1", "score_2", "version"]
    assert form.cleaned_data["scores"] == {1: " 4 ", 2: ""}
    assert (form.cleaned_data["version"], form.cleaned_data["comment"]) == (-1, " Hi ")
