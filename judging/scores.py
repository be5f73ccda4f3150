"""The rules of a score: a value checked against its criterion's scale, a review's scores checked
against the round's criteria, and the weighted score as the review pages show it.

Works on anything with the attributes of a `Criterion` (id, name, scale_min, scale_max, weight,
required), so it can be tested and reused without the database.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from judging.results.weighting import weighted_mean


def score_parse(*, criterion, raw) -> Decimal | None:
    """One submitted value as a Decimal on the criterion's scale; None when left blank.

    Raises ValueError with a message naming the criterion and its scale.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = None
    if (
        value is None
        or not value.is_finite()
        or value != value.to_integral_value()
        or not criterion.scale_min <= value <= criterion.scale_max
    ):
        raise ValueError(
            _("%(criterion)s: give a whole number from %(min)s to %(max)s.")
            % {"criterion": criterion.name, "min": criterion.scale_min, "max": criterion.scale_max}
        )
    return value.quantize(Decimal("1"))


def scores_clean(
    *, criteria: Iterable, raw: Mapping, complete: bool
) -> tuple[dict[int, Decimal | None], dict[int, str]]:
    """Check submitted values (keyed by criterion id) against the criteria.

    Returns (values, errors), both keyed by criterion id. With `complete`, every required
    criterion must have a score. Keys that are not one of `criteria` are an error under key 0:
    a form never sends them, so someone is trying another round's criteria.
    """
    criteria = list(criteria)
    known = {criterion.id for criterion in criteria}
    values: dict[int, Decimal | None] = {}
    errors: dict[int, str] = {}
    if set(raw) - known:
        errors[0] = _("Some scores are not for this round's criteria.")
    for criterion in criteria:
        try:
            values[criterion.id] = score_parse(criterion=criterion, raw=raw.get(criterion.id))
        except ValueError as error:
            errors[criterion.id] = str(error)
            continue
        if complete and criterion.required and values[criterion.id] is None:
            errors[criterion.id] = _("%(criterion)s: a score is required.") % {
                "criterion": criterion.name
            }
    return values, errors


def weighted_score(pairs: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """A review's weighted score as its pages show it: `judging.results.weighting.weighted_mean`
    of the (weight, value) pairs, blank values left out, exact in Decimal and rounded to two
    decimals; None when nothing is scored."""
    mean = weighted_mean(
        (Decimal(weight), None if value is None else Decimal(value)) for weight, value in pairs
    )
    return None if mean is None else mean.quantize(Decimal("0.01"))
