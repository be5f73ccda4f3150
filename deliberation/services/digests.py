"""The daily digest of new discussion messages, one email per person and round at most a day."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.mail import email_users_render_and_enqueue
from deliberation.models import DigestSent
from deliberation.selectors import unread_messages


@transaction.atomic
def discussion_digest_send(*, round, user, today=None) -> int:
    """Email `user` the messages they may read in `round` that are new since their last digest
    and still unread, never their own, in their language. At most one digest a day per round and
    person (a `DigestSent` row, unique per day, settles two runs racing). Queues the email
    `discussion_digest`. Returns how many messages it announced (0: nothing sent)."""
    today = today or timezone.localdate()
    last = DigestSent.objects.filter(round=round, user=user).order_by("-sent_at").first()
    if last is not None and last.sent_on == today:
        return 0
    messages = list(
        unread_messages(user=user, round=round, since=last.sent_at if last else None)
        .select_related("entry")
        .order_by("entry__reference", "entry_id", "created_at")
    )
    if not messages:
        return 0
    try:
        with transaction.atomic():
            DigestSent.objects.create(round=round, user=user, sent_on=today, messages=len(messages))
    except IntegrityError:
        return 0
    counts: dict[int, list] = {}
    for message in messages:
        counts.setdefault(message.entry_id, [message.entry.reference or str(message.entry_id), 0])
        counts[message.entry_id][1] += 1
    url = settings.SITE_URL + reverse("deliberation:round-discussions", args=[round.pk])
    email_users_render_and_enqueue(
        template="discussion_digest",
        users=[user],
        context=lambda: {
            "user": user,
            "round": round,
            "category": round.category,
            "count": len(messages),
            "entries": list(counts.values()),
            "url": url,
        },
    )
    return len(messages)
