from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count

from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail


def outgoing_emails_list(*, state: str = "") -> models.QuerySet[OutgoingEmail]:
    """The outbox, newest first, without the bodies; one state or all."""
    emails = OutgoingEmail.objects.defer("body", "html")
    return emails.filter(state=state) if state else emails


def outgoing_email_counts() -> dict[str, int]:
    counts = dict(
        OutgoingEmail.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in OutgoingEmailState.values}


def failed_emails_for(*, objects: Iterable[models.Model]) -> list[OutgoingEmail]:
    """Failed emails that belong to any of `objects` (all of one model), oldest first."""
    objects = list(objects)
    if not objects:
        return []
    content_type = ContentType.objects.get_for_model(objects[0])
    return list(
        OutgoingEmail.objects.defer("body", "html")
        .filter(
            related_type=content_type,
            related_id__in=[o.pk for o in objects],
            state=OutgoingEmailState.FAILED,
        )
        .order_by("created_at", "pk")
    )
