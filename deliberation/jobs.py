"""Entry point for cron: the daily discussion digests (`manage.py send_discussion_digests`). A
second run the same day sends nothing more."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from deliberation.models import Message
from deliberation.services.digests import discussion_digest_send
from judging.enums import JuryRole
from judging.models import Round


def discussion_digests_send_due(*, now: dt.datetime | None = None) -> int:
    """For each round with messages in the last two days, send each judge assigned in it and
    each chair of its category their digest. Returns how many digests went out."""
    now = now or timezone.now()
    round_ids = (
        Message.objects.filter(created_at__gte=now - dt.timedelta(days=2))
        .values_list("round_id", flat=True)
        .distinct()
    )
    sent = 0
    for round in Round.objects.filter(pk__in=list(round_ids)).select_related("category"):
        seated = Q(jury_memberships__category_id=round.category_id, jury_memberships__active=True)
        people = User.objects.filter(
            seated & (Q(assignments__round=round) | Q(jury_memberships__role=JuryRole.CHAIR)),
            is_active=True,
        ).distinct()
        for user in people:
            sent += bool(discussion_digest_send(round=round, user=user))
    return sent
