from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from accounts.rules import record_mfa_on_setup

        authenticator_added.connect(record_mfa_on_setup, dispatch_uid="laurel-mfa-on-setup")
        self._connect_access_snapshots()

    def _connect_access_snapshots(self):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from accounts import access_cache
        from accounts.models import User

        uid = "laurel-access-snapshot"
        post_save.connect(access_cache.on_user_saved, sender=User, dispatch_uid=uid)
        for signal in (post_save, post_delete):
            signal.connect(
                access_cache.on_authenticator_changed, sender=Authenticator, dispatch_uid=uid
            )
        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(access_cache.on_user_m2m_changed, sender=through, dispatch_uid=uid)
        m2m_changed.connect(
            access_cache.on_group_permissions_changed,
            sender=Group.permissions.through,
            dispatch_uid=uid,
        )
        for model in (Group, Permission):
            pre_delete.connect(
                access_cache.on_group_or_permission_deleting, sender=model, dispatch_uid=uid
            )
