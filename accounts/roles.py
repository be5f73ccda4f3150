"""Who organises: the one definition every app's access checks build on."""


def user_is_organiser(user, *, perm: str) -> bool:
    """Organisers are active staff holding the model permission `perm` ("app.codename") for
    what they are about to see or change; superusers hold every permission."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(perm))
