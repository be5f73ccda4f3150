"""The words for the audit events publishing records (see `audit.describe`)."""

from django.utils.translation import gettext_lazy

from audit.describe import AuditAction
from awards.enums import Placement


def _fields(data: dict) -> str:
    """The changed fields by their names in the reader's language."""
    from awards.models import Winner

    return ", ".join(str(Winner._meta.get_field(name).verbose_name) for name in data["fields"])


def _draft(data: dict) -> str:
    return f"{data['names']} ({Placement(data['placement']).label})"


def _field(data: dict) -> str:
    return _fields({"fields": [data["field"]]})


ACTIONS = {
    "winner.draft_create": AuditAction(
        gettext_lazy("Draft winner page made from a decision"), _draft
    ),
    "winner.draft_update": AuditAction(
        gettext_lazy("Draft winner page updated from a decision"), _draft
    ),
    "winner.draft_remove": AuditAction(
        gettext_lazy("Draft winner page removed: no prize now"), _draft
    ),
    "winner.draft_unlink": AuditAction(
        gettext_lazy("Winner page no longer matches a decision"), _draft
    ),
    "winner.page_edit": AuditAction(gettext_lazy("Winner page edited"), _fields),
    "winner.photo_add": AuditAction(gettext_lazy("Photo added to a winner page")),
    "winner.photo_remove": AuditAction(gettext_lazy("Photo removed from a winner page")),
    "winner.team_check_invite": AuditAction(gettext_lazy("Team asked to check its winner page")),
    "winner.team_check_approve": AuditAction(gettext_lazy("Team approved its winner page")),
    "winner.team_check_propose": AuditAction(gettext_lazy("Team proposed corrections"), _fields),
    "winner.team_check_waive": AuditAction(gettext_lazy("Team check waived")),
    "winner.correction_accept": AuditAction(gettext_lazy("Correction accepted"), _field),
    "winner.correction_decline": AuditAction(gettext_lazy("Correction declined"), _field),
    "edition.publish": AuditAction(gettext_lazy("Results and winner pages published")),
    "edition.unpublish": AuditAction(gettext_lazy("Results and winner pages unpublished")),
}
