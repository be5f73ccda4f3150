from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "console"
    verbose_name = _("Organiser console")

    def ready(self):
        from audit.describe import audit_actions_register
        from awards.demo import demo_step_register
        from console.audit_actions import ACTIONS
        from console.demo import demo_season_in_progress
        from console.season_cache import connect_signals

        audit_actions_register(ACTIONS)
        connect_signals()
        demo_step_register(demo_season_in_progress)
