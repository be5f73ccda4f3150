"""The language a person reads Laurel in, remembered for the emails sent to them."""

from django.conf import settings
from django.http import HttpRequest
from django.views.i18n import set_language


def language_supported(code: str | None) -> str:
    """`code` if Laurel ships it, else "" (the site's default)."""
    return code if code in dict(settings.LANGUAGES) else ""


def language_switch(request: HttpRequest):
    """Django's language switch, and for a signed-in person their email language too: someone
    who reads the site in Swedish wants their receipts and results in Swedish."""
    response = set_language(request)
    user = request.user
    if request.method == "POST" and user.is_authenticated:
        language = language_supported(request.POST.get("language"))
        if language and language != user.language:
            user.language = language
            user.save(update_fields=["language"])
    return response
