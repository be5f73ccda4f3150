"""Short dates as each language writes them: "2 Dec 2026" in English, "2 dec. 2026" in Swedish.

Django's "M" capitalises the month in every language, and Swedish abbreviates only some months
(Språkrådet: "jan.", "mars", "maj", "juni", "juli", "dec."...), which no format string can say.
"""

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

register = template.Library()

_SWEDISH_MONTHS = [
    "jan.", "feb.", "mars", "apr.", "maj", "juni",
    "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
]  # fmt: skip


def _short_date(value) -> str:
    if get_language() == "sv":
        return f"{value.day} {_SWEDISH_MONTHS[value.month - 1]} {value.year}"
    return formats.date_format(value, "j M Y")


@register.filter
def short_date(value) -> str:
    """The day, the month abbreviated and the year, in the local time zone."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _short_date(value)


@register.filter
def short_datetime(value) -> str:
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{_short_date(value)}, {formats.time_format(value, 'H:i')}"
