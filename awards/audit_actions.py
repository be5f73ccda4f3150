"""The words for the audit events awards records (see `audit.describe`)."""

from django.utils.translation import gettext_lazy

from audit.describe import AuditAction

ACTIONS = {
    "winner.publish": AuditAction(gettext_lazy("Winner page published")),
    "winner.unpublish": AuditAction(gettext_lazy("Winner page unpublished")),
}
