from django.conf import settings


def user_requires_mfa(user) -> bool:
    """Staff hold the keys to every entry and result, so they must use a second factor."""
    return bool(settings.LAUREL_REQUIRE_STAFF_MFA and user.is_authenticated and user.is_staff)


def user_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
