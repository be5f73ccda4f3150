from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from audit.describe import audit_actions_register
        from awards.audit_actions import ACTIONS

        audit_actions_register(ACTIONS)
