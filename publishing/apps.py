from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from accounts.personal_data import personal_data_register
        from audit.describe import audit_actions_register
        from awards.demo import demo_step_register
        from judging.decision_hooks import decisions_changed_register
        from publishing.audit_actions import ACTIONS
        from publishing.demo import demo_past_edition_publish
        from publishing.personal_data import CORRECTIONS
        from publishing.services.drafts import winner_drafts_sync

        audit_actions_register(ACTIONS)
        personal_data_register(CORRECTIONS)
        decisions_changed_register(winner_drafts_sync)
        demo_step_register(demo_past_edition_publish)
