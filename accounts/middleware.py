import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.rules import session_passed_mfa, user_has_mfa, user_requires_mfa

# Paths open to everyone whatever their second factor (after any /sv prefix).
_ALWAYS_OPEN = re.compile(r"^(/[a-z]{2})?/(static/|healthz|i18n/)")
# Staff without an authenticator can still manage their account while they set one up.
_OPEN_BEFORE_SETUP = re.compile(r"^(/[a-z]{2})?/accounts/")
# Staff with an authenticator whose session has not passed it: only the code page and sign-out.
_OPEN_BEFORE_CODE = re.compile(r"^(/[a-z]{2})?/accounts/(2fa/reauthenticate/|logout/)")


class RequireMFAMiddleware:
    """Every staff page, the admin included, needs a session that passed the second factor.

    Staff without an authenticator are sent to set one up; staff whose session signed in
    without the code (an old session, or one made before staff rights were given) are asked
    for it before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = request.user
        if _ALWAYS_OPEN.match(path) or not user_requires_mfa(user):
            return self.get_response(request)
        if not user_has_mfa(user):
            if _OPEN_BEFORE_SETUP.match(path):
                return self.get_response(request)
            messages.warning(
                request, _("Your account needs two-factor authentication. Please set it up now.")
            )
            return redirect(reverse("mfa_activate_totp"))
        if not session_passed_mfa(request) and not _OPEN_BEFORE_CODE.match(path):
            messages.warning(request, _("Enter the code from your authenticator app to continue."))
            return redirect_to_login(
                request.get_full_path(), login_url=reverse("mfa_reauthenticate")
            )
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
