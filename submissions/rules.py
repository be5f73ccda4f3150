"""What may be done to an entry now, and the refusal raised when it may not. Pure: it reads the
entry and its category as loaded, so the entry, team, move and attachment services and the pages
all apply the same rule."""

from django.utils import timezone
from django.utils.translation import gettext as _

from submissions.answers import Problem
from submissions.enums import EntryStatus
from submissions.models import Entry


class EntryActionRefused(Exception):
    """The entrant may not do this now; `message` says why, in words for the entrant."""

    def __init__(self, message: str, *, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class EntryLimitReached(EntryActionRefused):
    pass


class RevisionConflict(EntryActionRefused):
    """The draft was saved elsewhere (another tab, a team member) since this page loaded it."""

    def __init__(self, message: str, *, current_revision: int):
        super().__init__(message)
        self.current_revision = current_revision


def entry_edit_refusal(*, entry: Entry, now=None) -> str | None:
    """Why the entry's content cannot be changed now, or None when it can.

    Drafts can always be saved, even after the deadline: typed text is never thrown away (only
    submitting is refused then)."""
    now = now or timezone.now()
    if entry.status == EntryStatus.WITHDRAWN:
        return _("This entry has been withdrawn and can no longer be changed.")
    if entry.status == EntryStatus.SUBMITTED:
        if not entry.category.entries_editable_after_submission:
            return _("Submitted entries in this category cannot be changed.")
        if now >= entry.category.closes_at:
            return _("The deadline has passed: your submitted entry can no longer be changed.")
    return None


def entry_accepts_files(entry: Entry) -> bool:
    """Files can change while the entry's content can (see `entry_edit_refusal`)."""
    return entry_edit_refusal(entry=entry) is None
