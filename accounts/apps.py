from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from accounts.rules import record_mfa_on_setup

        authenticator_added.connect(record_mfa_on_setup, dispatch_uid="laurel-mfa-on-setup")
