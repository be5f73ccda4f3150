import re

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.rules import user_has_mfa, user_requires_mfa

# Paths a user who must set up two-factor authentication can still reach (after any /sv prefix).
_MFA_SETUP_EXEMPT = re.compile(r"^(/[a-z]{2})?/(accounts/|static/|healthz|i18n/)")


class RequireMFAMiddleware:
    """Send staff without two-factor authentication to set it up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            not _MFA_SETUP_EXEMPT.match(path)
            and user_requires_mfa(request.user)
            and not user_has_mfa(request.user)
        ):
            messages.warning(
                request, _("Your account needs two-factor authentication. Please set it up now.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a signed-in user must never be kept by a browser or shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
