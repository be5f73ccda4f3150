"""Award and category codes: the parts of an entry reference such as FSA-2026-IDEA-0007.

Letters and digits only, and unique whatever the case (an award's among awards, a category's in
its edition), so that a reference, made of award code, year, category code and number, is unique
by construction: no hyphen in a code can make two different entries read the same."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

validate_code = RegexValidator(
    r"^[A-Za-z0-9]+$",
    gettext_lazy("Use letters and digits only (no spaces or hyphens), e.g. FSA."),
    code="code_characters",
)


def code_taken_message(code: str, *, in_edition: bool = False) -> str:
    if in_edition:
        return _("Another category of this edition already uses the code %(code)s.") % {
            "code": code.upper()
        }
    return _(
        "Another award already uses the code %(code)s (codes count as the same whatever "
        "their case). Entry references start with it, so choose another."
    ) % {"code": code.upper()}
