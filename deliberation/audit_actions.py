"""The words for the audit events deliberation records (see `audit.describe`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.describe import AuditAction
from deliberation.enums import CommentStatus, FeedbackKind, MessageKind


def _message(data: dict) -> str:
    entry = data.get("reference") or _("entry %(id)s") % {"id": data["entry"]}
    return f"{entry} ({MessageKind(data['kind']).label})"


def _policy(data: dict) -> str:
    return str(FeedbackKind(data["kind"]).label)


def _moderated(data: dict) -> str:
    entry = data.get("reference") or _("entry %(id)s") % {"id": data["entry"]}
    status = CommentStatus(data["status"]).label
    return f"{entry}: {status}" + (f" ({_('edited')})" if data.get("edited") else "")


def _meeting_started(data: dict) -> str:
    return _("%(entries)s entries on the agenda") % {"entries": data["entries"]}


def _meeting_ended(data: dict) -> str:
    return _("%(decisions)s decisions recorded") % {"decisions": data["decisions"]}


def _second_look(data: dict) -> str:
    return _("%(assignments)s extra reviews for %(entries)s entries") % {
        "assignments": data["assignments"],
        "entries": len(data["entries"]),
    }


ACTIONS = {
    "second_look.request": AuditAction(gettext_lazy("Second look requested"), _second_look),
    "meeting.start": AuditAction(gettext_lazy("Jury meeting started"), _meeting_started),
    "meeting.end": AuditAction(gettext_lazy("Jury meeting ended"), _meeting_ended),
    "feedback.policy": AuditAction(gettext_lazy("Feedback to entrants chosen"), _policy),
    "feedback.moderate": AuditAction(gettext_lazy("Comment for the entrant moderated"), _moderated),
    "discussion.post": AuditAction(gettext_lazy("Discussion message posted"), _message),
    "discussion.edit": AuditAction(gettext_lazy("Discussion message changed"), _message),
    "discussion.withdraw": AuditAction(gettext_lazy("Discussion message withdrawn"), _message),
}
