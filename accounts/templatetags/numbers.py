"""Figures with two decimals, for pages that show hundreds of them (the results table).

`floatformat:2` looks up the language's number formats on every call; across the 400 figures of
a page of the ranking that was a sixth of the page's time. `two_places` gives the same text
(rounded half up, the active language's decimal separator) with one look-up per call."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import get_format

register = template.Library()
HUNDREDTH = Decimal("0.01")


@register.filter
def two_places(value) -> str:
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    if not number.is_finite():
        return str(value)
    rounded = number.quantize(HUNDREDTH, ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # -0.004 reads 0.00, as floatformat writes it
    return f"{rounded:f}".replace(".", get_format("DECIMAL_SEPARATOR"))
