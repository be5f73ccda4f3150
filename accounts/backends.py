"""Model permissions from the shared cache (`accounts.access_cache`).

ModelBackend as it is, but a person's permissions come from their access snapshot instead of two
queries on every page that asks (the menu does, for staff). First in AUTHENTICATION_BACKENDS:
ModelBackend, after it, then finds them already read (`_perm_cache`). Sessions that name
ModelBackend or allauth's backend keep working."""

from django.contrib.auth.backends import ModelBackend

from accounts.access_cache import access_snapshot


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = set(access_snapshot(user_obj).permissions)
        return user_obj._perm_cache
