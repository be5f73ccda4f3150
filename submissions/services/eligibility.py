"""The organisers' ruling on an entry's eligibility."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from submissions.enums import Eligibility
from submissions.models import Entry
from submissions.services.locks import entry_lock


@transaction.atomic
def entry_eligibility_set(*, entry: Entry, eligibility: str, reason: str, user) -> Entry:
    """Record an organiser's eligibility decision; a reason is required for "ineligible".

    Side effects: audit event "entry.eligibility" with the old and new value and the reason.
    """
    entry = entry_lock(pk=entry.pk)
    reason = reason.strip()
    if eligibility == Eligibility.INELIGIBLE and not reason:
        raise ValidationError(
            {"reason": _("Give the reason the entry is ineligible.")}, code="reason_required"
        )
    previous = entry.eligibility
    entry.eligibility = eligibility
    entry.ineligible_reason = reason if eligibility == Eligibility.INELIGIBLE else ""
    entry.save(update_fields=["eligibility", "ineligible_reason", "updated_at"])
    audit_record(
        actor=user,
        action="entry.eligibility",
        target=entry,
        summary=f"{previous} -> {eligibility}" + (f": {reason}" if reason else ""),
        data={"from": previous, "to": eligibility, "reason": reason},
        edition=entry.category.edition,
    )
    return entry
