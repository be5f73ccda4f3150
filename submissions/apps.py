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
        self._connect_entry_list_cache()

    def _connect_entry_list_cache(self):
        from django.db.models.signals import post_delete, post_save

        from submissions import entry_list_cache
        from submissions.models import Entry, TeamMember

        uid = "laurel-my-entries"
        for signal in (post_save, post_delete):
            signal.connect(entry_list_cache.on_entry_changed, sender=Entry, dispatch_uid=uid)
            signal.connect(
                entry_list_cache.on_team_member_changed, sender=TeamMember, dispatch_uid=uid
            )
