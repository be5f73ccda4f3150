from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Submissions")

    def ready(self):
        from accounts.personal_data import personal_data_register
        from audit.describe import audit_actions_register
        from submissions.audit_actions import ACTIONS
        from submissions.personal_data import ENTRIES

        personal_data_register(ENTRIES)
        audit_actions_register(ACTIONS)
