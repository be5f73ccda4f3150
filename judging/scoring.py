"""Scores checked against a round's criteria, and the weighted score of a review.

Works on anything with the attributes of a `Criterion` (id, name, scale_min, scale_max, weight,
required), so it can be tested and reused without the database.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


def score_levels(criterion) -> list[tuple[int, str]]:
    """Each whole score of the criterion's scale with its level descriptor ("" when none given)."""
    lines = [line.strip() for line in (criterion.descriptors or "").splitlines() if line.strip()]
    values = range(criterion.scale_min, criterion.scale_max + 1)
    return [(value, lines[i] if i < len(lines) else "") for i, value in enumerate(values)]


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
    """Weighted mean of (weight, value) pairs, leaving out blank values; None when nothing is
    scored. Rounded to two decimals."""
    total = Decimal(0)
    weights = Decimal(0)
    for weight, value in pairs:
        if value is None:
            continue
        total += Decimal(weight) * Decimal(value)
        weights += Decimal(weight)
    if not weights:
        return None
    return (total / weights).quantize(Decimal("0.01"))
