"""Writing in a discussion: posting, editing and withdrawing one's message, marking it read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from deliberation.access import DiscussionSeat
from deliberation.enums import MessageKind
from deliberation.models import Message, MessageRead
from deliberation.selectors import EDIT_WINDOW, seat_messages


def _audit(*, actor, action: str, message: Message, data: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=message,
        summary=f"{action} {message.entry.reference or message.entry_id}",
        data={
            "message": message.pk,
            "round": message.round_id,
            "entry": message.entry_id,
            "reference": message.entry.reference,
            "kind": message.kind,
            **(data or {}),
        },
        edition=message.round.category.edition,
    )


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(body) > 10_000:
        raise ValidationError(_("Keep a message under 10,000 characters."), code="too_long")
    return body


@transaction.atomic
def message_post(
    *, seat: DiscussionSeat, author, body: str, parent: Message | None = None, chair_note=False
) -> Message:
    """Post a message in the discussion `seat` opens. A reply belongs to a thread the author
    may read and takes its kind; only the chair and organisers write chair notes. Writes the
    audit event `discussion.post` and marks the discussion read for the author."""
    body = _clean_body(body)
    kind = MessageKind.CHAIR_NOTE if chair_note else MessageKind.JURY
    if parent is not None:
        if parent.parent_id is not None:
            parent = parent.parent
        if not seat_messages(seat=seat, viewer=author).filter(pk=parent.pk).exists():
            raise ValidationError(_("That thread is not open to you."), code="parent")
        kind = parent.kind
    if kind == MessageKind.CHAIR_NOTE and not seat.manages:
        raise ValidationError(_("Only the chair writes chair notes."), code="chair_note")
    message = Message.objects.create(
        round=seat.round, entry=seat.entry, author=author, parent=parent, kind=kind, body=body
    )
    _audit(actor=author, action="discussion.post", message=message)
    discussion_read_mark(seat=seat, user=author, at=message.created_at)
    return message


def _lock_own(message: Message, *, user, now) -> Message:
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.author_id != user.pk:
        raise ValidationError(_("Only the author may change a message."), code="author")
    if locked.withdrawn_at is not None:
        raise ValidationError(_("This message is withdrawn."), code="withdrawn")
    if now - locked.created_at > EDIT_WINDOW:
        raise ValidationError(
            _("A message can be changed for 15 minutes after posting."), code="too_late"
        )
    locked.round, locked.entry = message.round, message.entry
    return locked


@transaction.atomic
def message_edit(*, message: Message, user, body: str, now=None) -> Message:
    """Change one's own message within 15 minutes of posting. Writes `discussion.edit` with the
    text it replaced."""
    now = now or timezone.now()
    body = _clean_body(body)
    message = _lock_own(message, user=user, now=now)
    previous = message.body
    message.body, message.edited_at = body, now
    message.save(update_fields=["body", "edited_at"])
    _audit(actor=user, action="discussion.edit", message=message, data={"previous": previous})
    return message


@transaction.atomic
def message_withdraw(*, message: Message, user, now=None) -> Message:
    """Withdraw one's own message within 15 minutes of posting: its text is no longer shown
    (replies stay). Writes `discussion.withdraw` with the text withdrawn."""
    now = now or timezone.now()
    message = _lock_own(message, user=user, now=now)
    message.withdrawn_at = now
    message.save(update_fields=["withdrawn_at"])
    _audit(
        actor=user, action="discussion.withdraw", message=message, data={"previous": message.body}
    )
    return message


def discussion_read_mark(*, seat: DiscussionSeat, user, at=None) -> None:
    """Remember that `user` has read the discussion up to `at` (now)."""
    at = at or timezone.now()
    read, created = MessageRead.objects.get_or_create(
        user=user, round=seat.round, entry=seat.entry, defaults={"read_at": at}
    )
    if not created and read.read_at < at:
        MessageRead.objects.filter(pk=read.pk, read_at__lt=at).update(read_at=at)
