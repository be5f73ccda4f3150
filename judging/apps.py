from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgingConfig(AppConfig):
    name = "judging"
    verbose_name = _("Judging")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.personal_data import personal_data_register
        from audit.describe import audit_actions_register
        from judging.access import jury_nav_remember
        from judging.audit_actions import ACTIONS
        from judging.personal_data import JURY

        personal_data_register(JURY)
        audit_actions_register(ACTIONS)
        user_logged_in.connect(jury_nav_remember, dispatch_uid="laurel-jury-nav")
