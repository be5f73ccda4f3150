"""Audit events are stored as data (an action and its details) and put into words when read, in
the reader's language. Each app registers the words for its own actions when it loads (its
AppConfig.ready), so the audit app, at the bottom of the stack, imports none of them.

An event whose action is unknown, or whose details predate what its description reads, shows
the summary stored with it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class AuditAction:
    label: Promise | str
    # Builds the details line from the event's data, in the active language.
    details: Callable[[dict], str] | None = None


_actions: dict[str, AuditAction] = {}


def audit_actions_register(actions: dict[str, AuditAction]) -> None:
    _actions.update(actions)


def audit_event_label(event) -> str:
    action = _actions.get(event.action)
    return str(action.label) if action else event.action


def audit_event_details(event) -> str:
    action = _actions.get(event.action)
    if action is None or action.details is None:
        return event.summary if action is None else ""
    try:
        return action.details(event.data or {})
    except (KeyError, TypeError, ValueError, AttributeError):
        return event.summary
