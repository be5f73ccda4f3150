"""What a signed-in person may do, read once and kept in the shared cache: their model
permissions and whether they have an authenticator app.

Every staff page needs both (the second-factor check, the menu's links), and reading them costs
three queries on each request. The snapshot is dropped, in the transaction's wake, by every
change that can alter it: the person's groups or permissions, a group's permissions, a group
or permission deleted, an authenticator added or removed, the account saved (signals below,
connected in `AccountsConfig.ready`). Writes that bypass signals (raw SQL) are caught up within
SNAPSHOT_SECONDS. With the shared cache away, each request reads the database as before.
"""

from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from accounts.cache_keys import cache_forget

SNAPSHOT_SECONDS = 5 * 60


@dataclass(frozen=True)
class AccessSnapshot:
    permissions: frozenset  # "app_label.codename", as ModelBackend gives them
    has_totp: bool


def _key(user_id: int) -> str:
    return f"laurel:access-snapshot:{user_id}"


def access_snapshot(user) -> AccessSnapshot:
    """The person's snapshot, read from the database when the cache has none. Kept on the user
    object for the rest of the request."""
    snapshot = getattr(user, "_access_snapshot", None)
    if snapshot is None:
        snapshot = cache.get(_key(user.pk))
    if snapshot is None:
        from allauth.mfa.models import Authenticator

        snapshot = AccessSnapshot(
            permissions=frozenset(ModelBackend().get_all_permissions(user)),
            has_totp=Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        )
        cache.set(_key(user.pk), snapshot, SNAPSHOT_SECONDS)
    user._access_snapshot = snapshot
    return snapshot


def access_snapshots_drop(user_ids) -> None:
    """Forget the snapshots of these people."""
    cache_forget(_key(pk) for pk in set(user_ids))


# Signal receivers: which people a change concerns.


def on_user_saved(sender, instance, **kwargs):
    access_snapshots_drop([instance.pk])


def on_authenticator_changed(sender, instance, **kwargs):
    access_snapshots_drop([instance.user_id])


def on_user_m2m_changed(sender, instance, action, pk_set, **kwargs):
    """User.groups and User.user_permissions, changed from either side."""
    from accounts.models import User

    if isinstance(instance, User):
        if action.startswith("post_"):
            access_snapshots_drop([instance.pk])
    elif action == "pre_clear":  # from a group or permission: who held it before
        access_snapshots_drop(instance.user_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        access_snapshots_drop(pk_set or [])


def on_group_permissions_changed(sender, instance, action, pk_set, **kwargs):
    """Group.permissions, changed from either side: every member of the groups concerned."""
    from django.contrib.auth.models import Group

    from accounts.models import User

    if isinstance(instance, Group):
        groups = [instance.pk] if action.startswith("post_") else []
    elif action == "pre_clear":
        groups = list(instance.group_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        groups = list(pk_set or [])
    else:
        groups = []
    if groups:
        members = User.objects.filter(groups__in=groups).values_list("pk", flat=True)
        access_snapshots_drop(members)


def on_group_or_permission_deleting(sender, instance, **kwargs):
    """Before the rows that give it go with it."""
    from django.contrib.auth.models import Group

    from accounts.models import User

    if isinstance(instance, Group):
        holders = User.objects.filter(groups=instance)
    else:
        holders = User.objects.filter(user_permissions=instance).union(
            User.objects.filter(groups__permissions=instance)
        )
    access_snapshots_drop(holders.values_list("pk", flat=True))
