"""Who must use a second factor, and whether this session has passed it."""

from django.conf import settings


def user_requires_mfa(user) -> bool:
    """Staff hold the keys to every entry and result, so they must use a second factor."""
    return bool(settings.LAUREL_REQUIRE_STAFF_MFA and user.is_authenticated and user.is_staff)


def user_has_mfa(user) -> bool:
    """Whether the user has an authenticator app (from `accounts.access_cache`)."""
    from accounts.access_cache import access_snapshot

    return access_snapshot(user).has_totp


def session_passed_mfa(request) -> bool:
    """Whether *this session* passed the second factor: at sign-in, when asked again, or by
    entering a code to set up the authenticator. Having an authenticator enrolled is not
    enough: a password alone, through whatever form, must not open a staff session.

    allauth keeps a record of each authentication step in the session, bound to the user."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def record_mfa_on_setup(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up an authenticator means typing a valid code from it: that session has passed
    the second factor (allauth records sign-in and re-authentication, not setup)."""
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and getattr(request, "user", None) == user:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
