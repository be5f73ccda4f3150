"""The words for the audit events of the pitch day (see `audit.describe`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audit.describe import AuditAction


def _slots(data: dict) -> str:
    count = data.get("slots", 0)
    return ngettext("%(count)d slot", "%(count)d slots", count) % {"count": count}


def _swap(data: dict) -> str:
    return _("%(first)s and %(second)s") % {"first": data["first"], "second": data["second"]}


def _entry(data: dict) -> str:
    return data.get("reference", "")


def _set(data: dict) -> str:
    return _("new") if data.get("created") else _("changed")


ACTIONS = {
    "pitch_day.set": AuditAction(gettext_lazy("Pitch day set up"), _set),
    "pitch_day.schedule": AuditAction(gettext_lazy("Pitch day scheduled"), _slots),
    "pitch_slot.swap": AuditAction(gettext_lazy("Pitch slots swapped"), _swap),
    "pitch_slot.cancel": AuditAction(gettext_lazy("Pitch slot cancelled"), _entry),
    "slot_request.create": AuditAction(gettext_lazy("Another pitch slot asked for"), _entry),
    "slot_request.decide": AuditAction(gettext_lazy("Request for another slot decided"), _entry),
}
