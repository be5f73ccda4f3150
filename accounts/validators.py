"""Names are text: one line of printable characters."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Bidirectional embeddings, overrides and isolates, and the invisible direction marks: they make
# a name read differently from what it is ("exe.pdf" shown as "fdp.exe").
BIDI_CONTROLS = frozenset(
    {chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
    | {"\u200e", "\u200f", "\u061c"}
)

_CONTROL_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")
# Zero-width (non-)joiners belong in some scripts' names (Persian, Indic) and in emoji.
_JOINERS = ("\u200c", "\u200d")


def has_control_characters(text: str) -> bool:
    """Line breaks, tabs, other control characters, or bidirectional controls."""
    return any(
        char in BIDI_CONTROLS
        or (unicodedata.category(char) in _CONTROL_CATEGORIES and char not in _JOINERS)
        for char in text
    )


@deconstructible
class SingleLineTextValidator:
    """Refuses control characters (CR/LF included) and bidirectional overrides in a name."""

    message = _(
        "Use letters, digits, spaces and punctuation only: no line breaks, tabs or other "
        "invisible control characters."
    )
    code = "control_characters"

    def __call__(self, value):
        if value and has_control_characters(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, SingleLineTextValidator)


validate_single_line = SingleLineTextValidator()
