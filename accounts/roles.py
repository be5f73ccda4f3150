"""Who organises: the one definition every app's access checks build on.

Organisers belong to an award (`awards.AwardOrganiser`): an organiser of one award neither sees
nor changes another's. Superusers run every award. The award-scoped check, `user_organises`, is
the one to use wherever an award, edition or category is at hand; `user_is_organiser` answers
only "may this person use organiser pages at all" (the navigation, a list filtered afterwards).
"""


def user_is_organiser(user, *, perm: str) -> bool:
    """Active staff holding the model permission `perm` ("app.codename"); superusers hold
    every permission. Says nothing about which award: see `user_organises`."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(perm))


def user_organises(user, *, award, perm: str | None = None) -> bool:
    """Whether `user` organises `award`: a superuser, or an active staff member among the
    award's organisers (holding `perm` too, when given)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not user.is_staff or (perm is not None and not user.has_perm(perm)):
        return False
    # Through the award's own relation: accounts sits below awards and imports none of it.
    return award.organisers.filter(user=user).exists()


def organised_award_filter(user, *, prefix: str = "") -> dict:
    """Keyword arguments narrowing a queryset to what `user` organises: `prefix` leads from the
    queried model to its award ("" for awards, "award__" for editions, ...). Superusers: all."""
    if user.is_superuser:
        return {}
    return {f"{prefix}organisers__user": user}
