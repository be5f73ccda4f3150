from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from audit.describe import audit_actions_register
        from outbox.audit_actions import AUDIT_ACTIONS

        audit_actions_register(AUDIT_ACTIONS)
