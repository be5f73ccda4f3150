"""The words for the audit events awards records (see `audit.describe`)."""

from django.utils.translation import gettext_lazy

from audit.describe import AuditAction

ACTIONS = {
    "winner.publish": AuditAction(gettext_lazy("Winner page published")),
    "winner.unpublish": AuditAction(gettext_lazy("Winner page unpublished")),
    "award.organiser_add": AuditAction(gettext_lazy("Organiser added"), lambda data: data["email"]),
    "award.organiser_remove": AuditAction(
        gettext_lazy("Organiser removed"), lambda data: data["email"]
    ),
}
