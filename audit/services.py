from django.db import models

from audit.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    summary: str = "",
    data: dict | None = None,
    edition=None,
) -> AuditEvent:
    """Write one audit event; `action` is a dotted verb, e.g. "entry.submit"."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        data=data or {},
        edition=edition,
    )
