from django.conf import settings
from django.utils.translation import get_language


class Translated:
    """A read-only attribute giving `<base>_<language>` for the active language.

    Public texts are kept once per shipped language; when the active language's text is empty the
    other language's text is shown rather than nothing.
    """

    def __init__(self, base: str):
        self.base = base

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        active = (get_language() or settings.LANGUAGE_CODE)[:2]
        codes = [active] + [code for code, _ in settings.LANGUAGES if code != active]
        for code in codes:
            value = getattr(obj, f"{self.base}_{code}", "")
            if value:
                return value
        return ""
