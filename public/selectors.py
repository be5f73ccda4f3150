"""Reads for the public pages that reach into the entry form and the rubric: what an entrant
will be asked and how entries will be judged, never anything entered or scored."""

from awards.models import Category
from judging.models import Criterion, Round
from submissions.models import Question


def criteria_published(*, category: Category) -> list:
    """The criteria of the category's first round: names, guidance and weights, never scores."""
    return list(
        Criterion.objects.filter(round__category=category, round__position=_first_round(category))
        .only("name_en", "name_sv", "guidance_en", "guidance_sv", "weight", "position")
        .order_by("position", "pk")
    )


def _first_round(category: Category):
    return (
        Round.objects.filter(category=category)
        .order_by("position")
        .values("position")[:1]
        .values_list("position", flat=True)
    )


def questions_published(*, category: Category) -> list:
    """What an entrant will be asked: the labels and help texts of the category's entry form."""
    return list(Question.objects.filter(category=category).order_by("position", "pk"))
