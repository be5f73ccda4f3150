from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "deliberation"
    verbose_name = _("Deliberation")

    def ready(self):
        from accounts.personal_data import personal_data_register
        from audit.describe import audit_actions_register
        from deliberation.audit_actions import ACTIONS
        from deliberation.dashboard import discussion_dashboard_panel
        from deliberation.feedback_hooks import feedback_entry_panel, feedback_outcome_section
        from deliberation.personal_data import DISCUSSION
        from deliberation.services.second_looks import second_look_window
        from judging.dashboard import dashboard_panel_register
        from judging.outcome_sections import outcome_section_register
        from judging.review_windows import review_window_register
        from submissions.entry_panels import entry_panel_register

        audit_actions_register(ACTIONS)
        personal_data_register(DISCUSSION)
        dashboard_panel_register(discussion_dashboard_panel)
        entry_panel_register(feedback_entry_panel)
        outcome_section_register(feedback_outcome_section)
        review_window_register(second_look_window)
