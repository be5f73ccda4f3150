"""The words for the audit events the outbox records (see `audit.describe`)."""

from django.utils.translation import gettext_lazy

from audit.describe import AuditAction

AUDIT_ACTIONS = {
    "outbox.retry": AuditAction(
        label=gettext_lazy("Email sent again"), details=lambda data: data["to"]
    ),
}
