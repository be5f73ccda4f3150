from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinalsConfig(AppConfig):
    name = "finals"
    verbose_name = _("Pitch day")

    def ready(self):
        from audit.describe import audit_actions_register
        from finals.audit_actions import ACTIONS
        from finals.gates import pitch_slot_gate
        from judging.review_gates import review_gate_register

        audit_actions_register(ACTIONS)
        review_gate_register(pitch_slot_gate)
