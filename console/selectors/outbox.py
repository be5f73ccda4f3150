"""The outbox as one organiser may see it: the emails about entries, jury seats and assignments
of the awards they organise (superusers: every email)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from accounts.roles import organised_award_filter
from judging.models import Assignment, JuryMember
from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail
from outbox.selectors import outgoing_emails_list
from submissions.models import Entry

# What an email can be about, and the way from it to its award.
RELATED = (
    (Entry, "category__edition__award__"),
    (JuryMember, "category__edition__award__"),
    (Assignment, "round__category__edition__award__"),
)


def _organised(user) -> Q:
    if user.is_superuser:
        return Q()
    q = Q(pk__in=[])
    for model, prefix in RELATED:
        ids = model.objects.filter(**organised_award_filter(user, prefix=prefix)).values("pk")
        q |= Q(related_type=ContentType.objects.get_for_model(model), related_id__in=ids)
    return q


def outbox_for_organiser(*, user, state: str = "") -> QuerySet[OutgoingEmail]:
    """Newest first, without the bodies; one state or all."""
    return outgoing_emails_list(state=state).filter(_organised(user)).order_by("-created_at", "-pk")


def outbox_counts_for_organiser(*, user) -> dict[str, int]:
    rows = (
        OutgoingEmail.objects.filter(_organised(user))
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    counts = dict(rows)
    return {state: counts.get(state, 0) for state in OutgoingEmailState.values}
