"""The words for the audit events submissions records (see `audit.describe`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audit.describe import AuditAction
from submissions.enums import Eligibility
from submissions.models import Entry


def _field_names(names: list[str]) -> list[str]:
    return [str(Entry._meta.get_field(name).verbose_name).capitalize() for name in names]


def _edited(data: dict) -> str:
    parts = _field_names(data.get("fields", []))
    answers = len(data.get("questions", []))
    if answers:
        parts.append(
            ngettext("%(count)d answer", "%(count)d answers", answers) % {"count": answers}
        )
    return ", ".join(parts)


def _submitted(data: dict) -> str:
    return _("%(reference)s, version %(version)s") % data


def _eligibility(data: dict) -> str:
    text = _("%(previous)s → %(new)s") % {
        "previous": Eligibility(data["from"]).label,
        "new": Eligibility(data["to"]).label,
    }
    return f"{text}: {data['reason']}" if data.get("reason") else text


def _moved(data: dict) -> str:
    return _("from %(from)s to %(to)s") % data


def _email(data: dict) -> str:
    return data["email"]


def _file(data: dict) -> str:
    return data["name"]


ACTIONS = {
    "entry.create": AuditAction(gettext_lazy("Entry started")),
    "entry.edit": AuditAction(gettext_lazy("Entry edited"), _edited),
    "entry.submit": AuditAction(gettext_lazy("Entry submitted"), _submitted),
    "entry.withdraw": AuditAction(gettext_lazy("Entry withdrawn")),
    "entry.remind": AuditAction(gettext_lazy("Entrant reminded of the deadline")),
    "entry.move": AuditAction(gettext_lazy("Entry moved to another category"), _moved),
    "entry.eligibility": AuditAction(gettext_lazy("Eligibility ruled"), _eligibility),
    "entry.attachment_add": AuditAction(gettext_lazy("File added"), _file),
    "entry.attachment_remove": AuditAction(gettext_lazy("File removed"), _file),
    "entry.invite": AuditAction(gettext_lazy("Co-applicant invited"), _email),
    "entry.join": AuditAction(gettext_lazy("Co-applicant joined"), _email),
    "entry.anonymise": AuditAction(gettext_lazy("A team member deleted their account")),
    "entry.delete": AuditAction(gettext_lazy("Draft deleted with its owner's account")),
    "team.owner_transfer": AuditAction(gettext_lazy("Entry handed over"), _email),
    "team.invitation_revoke": AuditAction(gettext_lazy("Invitation withdrawn"), _email),
    "team.member_remove": AuditAction(gettext_lazy("Co-applicant removed"), _email),
    "team.member_leave": AuditAction(gettext_lazy("Co-applicant left the team"), _email),
}
