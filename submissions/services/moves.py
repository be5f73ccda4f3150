"""Moving an entry to another category of its edition: one inner write, `do_entry_move`, and
the two checked ways in, the entrant's (`entry_move`) and an organiser's
(`entry_move_by_organiser`), which differ in who may move what and in what becomes of a
submitted entry, but write a move the same way."""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import email_users_render_and_enqueue
from audit.services import audit_record
from awards.models import Category
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Entry
from submissions.rules import EntryActionRefused, EntryLimitReached, entry_edit_refusal
from submissions.selectors import team_for_entry
from submissions.services.locks import entries_owned_count, entry_lock, entry_number_assign

# What a move may change, for either kind of move; a field a move leaves alone is saved as read.
MOVE_FIELDS = [
    "category",
    "status",
    "number",
    "reference",
    "submitted_at",
    "submitted_revision",
    "eligibility",
    "ineligible_reason",
    "consent_version",
    "revision",
    "updated_at",
]


@dataclass(frozen=True)
class MoveOutcome:
    entry: Entry
    previous: Category
    # The entry was submitted and is a draft again: it must be submitted in its new category.
    unsubmitted: bool


def do_entry_move(
    *, entry: Entry, category: Category, user, keep_submission: bool, reason: str = ""
) -> None:
    """Move `entry` to `category` and write an "entry.move" audit event, "<old code> -> <new
    code>". Call with the entry locked (`entry_lock`) and the move checked: `entry_move` and
    `entry_move_by_organiser` do both.

    Answers and files are kept; those for the old category's questions are not shown, submitted
    or exported in the new one, and come back if the entry moves back. The revision is bumped,
    so pages opened before the move cannot save or submit over it.
    Without `keep_submission` (the entrant's move) the entry becomes what a fresh draft is in
    `category`; the audit event keeps its status, reference and eligibility from before. With it
    (an organiser's move) a submitted entry stays submitted under the next number and a new
    reference in `category`, and the audit event keeps the old and new reference and `reason`."""
    previous = entry.category
    before = {
        "status": entry.status,
        "reference": entry.reference,
        "eligibility": entry.eligibility,
    }
    entry.category = category
    if keep_submission:
        if entry.status == EntryStatus.SUBMITTED:
            entry_number_assign(entry=entry, category=category)
        # The submitted revision moves along with the revision, so a submitted entry does not
        # show changes the jury has not seen: the move changes nothing the jury reads.
        if entry.submitted_revision == entry.revision:
            entry.submitted_revision += 1
        details = {
            "status": entry.status,
            "old_reference": before["reference"],
            "new_reference": entry.reference,
            "reason": reason,
        }
    else:
        _submission_clear(entry)
        details = before
    entry.revision += 1
    entry.save(update_fields=MOVE_FIELDS)
    audit_record(
        actor=user,
        action="entry.move",
        target=entry,
        summary=f"{previous.code} -> {category.code}",
        data={"from": previous.code, "to": category.code, **details},
        edition=category.edition,
    )


def _submission_clear(entry: Entry) -> None:
    """Give `entry` what a fresh draft has (not saved), so that submitting gives it a new number
    and reference in its category, and its eligibility is checked on that category's rules."""
    entry.status = EntryStatus.DRAFT
    entry.number = None
    entry.reference = None
    entry.submitted_at = None
    entry.submitted_revision = None
    entry.eligibility = Eligibility.UNCHECKED
    entry.ineligible_reason = ""
    entry.consent_version = ""


def _target_refusal(*, entry: Entry, category: Category) -> str | None:
    """Why `category` is no place to move `entry` to, for anyone: it is the entry's own, or of
    another award or year."""
    if category.pk == entry.category_id:
        return _("The entry is already in this category.")
    if category.edition_id != entry.category.edition_id:
        return _("An entry can only move to another category of the same award and year.")
    return None


def entry_move_refusal(*, entry: Entry, now=None) -> str | None:
    """Why the entrant cannot move the entry to another category now, or None when they can:
    its content can no longer be changed, or the jury has it already."""
    refusal = entry_edit_refusal(entry=entry, now=now)
    if refusal:
        return refusal
    if entry.round_entries.exists():
        return _(
            "The jury has this entry already, so you cannot move it to another category. "
            "Only the organisers can move it now: please contact them."
        )
    return None


@transaction.atomic
def entry_move(*, entry: Entry, category: Category, user, now=None) -> MoveOutcome:
    """The entrant moves the entry to `category`, another category of its edition that is
    taking entries (see `do_entry_move` for what a move keeps).

    A draft simply changes category. A submitted entry becomes a draft in its new category: its
    number and reference (given per category) are cleared, its submitted versions stay as
    history, and it must be submitted again before the new category's deadline, when it gets a
    new reference there. Either way eligibility goes back to "not checked", even after an
    organiser's ruling: that ruling was on the old category's rules, and the new category's
    eligibility questions apply.

    Refused (EntryActionRefused) when the entry may not move (`entry_move_refusal`), when
    `user` is no longer on its team, when `category` is not another open category of the same
    edition, and (EntryLimitReached) when the owner already has as many entries there as it
    allows. Side effect: an "entry.move" audit event, "<old code> -> <new code>"."""
    now = now or timezone.now()
    entry = entry_lock(pk=entry.pk)
    previous = entry.category
    refusal = entry_move_refusal(entry=entry, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    if not entry.team.filter(user=user).exists():
        raise EntryActionRefused(_("You are no longer on the team of this entry."))
    refusal = _target_refusal(entry=entry, category=category)
    if refusal:
        raise EntryActionRefused(refusal)
    if not category.is_open(now=now):
        raise EntryActionRefused(
            _("%(category)s is not taking entries now.") % {"category": category.name}
        )
    if entry.owner_id is not None:
        # The limit is the owner's, whoever on the team moves the entry.
        owned = entries_owned_count(user_id=entry.owner_id, category=category)
        if owned >= category.max_entries_per_entrant:
            limit = {"category": category.name, "limit": category.max_entries_per_entrant}
            if entry.owner_id == user.pk:
                message = _("You already have the most entries %(category)s allows (%(limit)d).")
            else:
                message = _(
                    "The owner of this entry already has the most entries %(category)s allows "
                    "(%(limit)d)."
                )
            raise EntryLimitReached(message % limit)
    unsubmitted = entry.status == EntryStatus.SUBMITTED
    do_entry_move(entry=entry, category=category, user=user, keep_submission=False)
    return MoveOutcome(entry=entry, previous=previous, unsubmitted=unsubmitted)


def _moved_context(*, entry: Entry, previous: Category, reason: str) -> dict:
    category = entry.category
    path = reverse("submissions:entry-edit", kwargs={"pk": entry.pk})
    return {
        "title": entry.title or _("Untitled entry"),
        "award": category.edition.award.name,
        "year": category.edition.year,
        "previous": previous.name,
        "category": category.name,
        "submitted": entry.status == EntryStatus.SUBMITTED,
        "reference": entry.reference,
        "reason": reason,
        "url": settings.SITE_URL + path,
    }


@transaction.atomic
def entry_move_by_organiser(*, entry: Entry, category: Category, user, reason: str = "") -> Entry:
    """An organiser moves the entry to `category`, another category of its edition, open or not
    (organisers act after deadlines, when the entrant can no longer move it; see
    `do_entry_move` for what a move keeps).

    A draft simply changes category. A submitted entry stays submitted and gets the next number
    and a new reference in `category`, as at submission; its versions are kept as they are (they
    are what was submitted). Eligibility is left as it is: the organiser rules on it on the same
    page. The owner's entry limit in `category` does not apply.

    Refused (EntryActionRefused) for a withdrawn entry, an entry in a judging round (the jury's
    reviews follow the old category's rubric), and when `category` is not another category of
    the same edition.
    Side effects: an "entry.move" audit event, "<old code> -> <new code>", with the old and new
    reference and the reason; an email to each team member in their language, queued on commit.
    """
    entry = entry_lock(pk=entry.pk)
    previous = entry.category
    reason = reason.strip()
    if entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn, so it cannot be moved."))
    refusal = _target_refusal(entry=entry, category=category)
    if refusal:
        raise EntryActionRefused(refusal)
    if entry.round_entries.exists():
        raise EntryActionRefused(
            _(
                "This entry is already in a judging round of %(category)s: the jury's reviews "
                "follow that category's rubric, so it cannot be moved to another category."
            )
            % {"category": previous.name}
        )
    do_entry_move(entry=entry, category=category, user=user, keep_submission=True, reason=reason)
    email_users_render_and_enqueue(
        template="entry_moved",
        users=[member.user for member in team_for_entry(entry=entry)],
        context=partial(_moved_context, entry=entry, previous=previous, reason=reason),
        related=entry,
    )
    return entry
