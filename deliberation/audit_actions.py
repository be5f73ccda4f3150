"""The words for the audit events deliberation records (see `audit.describe`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.describe import AuditAction
from deliberation.enums import MessageKind


def _message(data: dict) -> str:
    entry = data.get("reference") or _("entry %(id)s") % {"id": data["entry"]}
    return f"{entry} ({MessageKind(data['kind']).label})"


ACTIONS = {
    "discussion.post": AuditAction(gettext_lazy("Discussion message posted"), _message),
    "discussion.edit": AuditAction(gettext_lazy("Discussion message changed"), _message),
    "discussion.withdraw": AuditAction(gettext_lazy("Discussion message withdrawn"), _message),
}
