"""Writes on entries: create, save a draft, submit, withdraw, and the team: invitations sent,
accepted and withdrawn, co-applicants removed or leaving."""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.mail import email_render_and_enqueue, email_users_render_and_enqueue
from audit.models import AuditEvent
from audit.services import audit_record
from awards.models import Category
from submissions.enums import Eligibility, EntryStatus, QuestionKind, TeamRole
from submissions.forms import (
    Problem,
    answer_problem,
    eligibility_problem,
    question_anchor,
)
from submissions.models import Answer, Entry, EntryVersion, TeamInvitation, TeamMember
from submissions.selectors import (
    answers_by_question,
    attachments_by_question,
    questions_for_category,
    team_for_entry,
    version_latest,
)
from submissions.tasks import attachments_anonymise_task

# A cap on open invitations per entry, so the invitation form cannot be used to send spam.
MAX_PENDING_INVITATIONS = 20


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


@dataclass(frozen=True)
class SubmitOutcome:
    entry: Entry
    version: EntryVersion
    created: bool


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _lock(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("category__edition__award")
        .get(pk=entry.pk)
    )


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


def _entries_owned(*, user_id: int, category: Category) -> int:
    """How many entries (not withdrawn) the person owns in `category`, with the person locked:
    a double click, a move and a hand-over cannot together pass the category's limit."""
    get_user_model().objects.select_for_update().get(pk=user_id)
    return (
        Entry.objects.filter(category=category, owner_id=user_id)
        .exclude(status=EntryStatus.WITHDRAWN)
        .count()
    )


@transaction.atomic
def entry_create(*, category: Category, user, now=None) -> Entry:
    """Start a draft entry owned by `user`, who becomes its first team member.

    Refused when the call is not open or the user already owns as many (not withdrawn) entries
    in the category as it allows. Writes an "entry.create" audit event."""
    now = now or timezone.now()
    if not category.is_open(now=now):
        raise EntryActionRefused(_("This category is not taking entries now."))
    if _entries_owned(user_id=user.pk, category=category) >= category.max_entries_per_entrant:
        raise EntryLimitReached(
            _("You already have the most entries this category allows (%(limit)d).")
            % {"limit": category.max_entries_per_entrant}
        )
    entry = Entry.objects.create(category=category, owner=user, organisation=user.organisation)
    TeamMember.objects.create(entry=entry, user=user, role=TeamRole.OWNER)
    audit_record(actor=user, action="entry.create", target=entry, edition=category.edition)
    return entry


@transaction.atomic
def entry_save_draft(
    *,
    entry: Entry,
    user,
    title: str,
    pitch: str,
    organisation: str,
    answers: dict[int, object],
    revision: int,
    now=None,
) -> Entry:
    """Save what the entrant typed, as it is (checks wait for submit), and bump `revision`.

    Nothing is written when nothing changed. Refused with RevisionConflict when the entry was
    saved since `revision` was read, and with EntryActionRefused when it cannot be changed.
    `answers` holds values by question id for the entry's category's questions only."""
    entry = _lock(entry)
    refusal = entry_edit_refusal(entry=entry, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    stored = answers_by_question(entry=entry)
    changed = [
        Answer(entry=entry, question_id=question_id, value=value)
        for question_id, value in answers.items()
        if stored.get(question_id) != value
    ]
    fields = {"title": title, "pitch": pitch, "organisation": organisation}
    fields_changed = any(getattr(entry, name) != value for name, value in fields.items())
    if not changed and not fields_changed:
        return entry
    if revision != entry.revision:
        raise RevisionConflict(
            _(
                "This entry was saved somewhere else (another tab or a team member) at %(time)s. "
                "Your text is still on this page: copy it, then reload to see the latest version."
            )
            % {"time": timezone.localtime(entry.updated_at).strftime("%H:%M")},
            current_revision=entry.revision,
        )
    if changed:
        Answer.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["entry", "question"],
            update_fields=["value", "updated_at"],
        )
    edited = [name for name, value in fields.items() if getattr(entry, name) != value]
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.revision += 1
    entry.save(update_fields=[*fields, "revision", "updated_at"])
    _audit_edit(
        entry=entry,
        user=user,
        fields=edited,
        question_ids=sorted(answer.question_id for answer in changed),
        now=now or timezone.now(),
    )
    return entry


# Autosave writes every few seconds: the audit log keeps one edit per person per quarter hour.
EDIT_AUDIT_QUIET = dt.timedelta(minutes=15)


def _audit_edit(*, entry: Entry, user, fields: list[str], question_ids: list[int], now) -> None:
    already = AuditEvent.objects.filter(
        action="entry.edit",
        target_type=entry._meta.label_lower,
        target_id=str(entry.pk),
        actor=user,
        created_at__gte=now - EDIT_AUDIT_QUIET,
    ).exists()
    if already:
        return
    audit_record(
        actor=user,
        action="entry.edit",
        target=entry,
        summary=", ".join([*fields, *([f"{len(question_ids)} answers"] if question_ids else [])]),
        data={"fields": fields, "questions": question_ids, "status": entry.status},
        edition=entry.category.edition,
    )


def entry_content(*, entry: Entry) -> dict:
    """The entry as the jury would read it: title, pitch, organisation, answers, team and
    attachments, as JSON-ready data (what an EntryVersion keeps)."""
    questions = questions_for_category(category=entry.category)
    answers = answers_by_question(entry=entry)
    attachments = attachments_by_question(entry=entry)
    content = {
        "title": entry.title,
        "pitch": entry.pitch,
        "organisation": entry.organisation,
        "answers": [
            {
                "question": question.pk,
                "label": question.label_en,
                "kind": question.kind,
                "value": answers.get(question.pk),
            }
            for question in questions
            if question.kind != QuestionKind.FILE
        ],
        "attachments": [
            {
                "id": attachment.pk,
                "question": attachment.question_id,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            }
            for group in attachments.values()
            for attachment in group
        ],
        "team": [
            {"user": member.user_id, "name": str(member.user), "role": member.role}
            for member in team_for_entry(entry=entry)
        ],
        "consent": {
            str(question.pk): question.consent_version
            for question in questions
            if question.kind == QuestionKind.CHECKBOX
            and question.consent_version
            and answers.get(question.pk) == "yes"
        },
    }
    # Through JSON and back, so it compares equal with what the database gives back.
    return json.loads(json.dumps(content))


def entry_problems(*, entry: Entry) -> list[Problem]:
    """Everything that stops the entry from being submitted: missing or malformed answers and
    answers that make it ineligible, each with the anchor of its place on the edit page."""
    problems = []
    if not entry.title.strip():
        problems.append(Problem("question-title", _("Title"), _("Give your entry a title.")))
    if not entry.pitch.strip():
        problems.append(Problem("question-pitch", _("Short pitch"), _("Write a short pitch.")))
    answers = answers_by_question(entry=entry)
    attachments = attachments_by_question(entry=entry)
    for question in questions_for_category(category=entry.category):
        value = answers.get(question.pk)
        message = answer_problem(
            question=question, value=value, file_count=len(attachments.get(question.pk, []))
        ) or eligibility_problem(question=question, value=value)
        if message:
            problems.append(Problem(question_anchor(question), question.label, message))
    return problems


def _receipt_context(*, entry: Entry, version: EntryVersion) -> dict:
    category = entry.category
    path = reverse("submissions:entry-confirmation", kwargs={"pk": entry.pk})
    editable = category.entries_editable_after_submission
    return {
        "title": entry.title,
        "reference": entry.reference,
        "version": version.number,
        "submitted_at": _local(version.submitted_at),
        "award": category.edition.award.name,
        "year": category.edition.year,
        "category": category.name,
        "deadline": _local(category.closes_at),
        "editable": editable,
        "url": settings.SITE_URL + path,
    }


@transaction.atomic
def entry_submit(*, entry: Entry, user, revision: int | None = None, now=None) -> SubmitOutcome:
    """Submit the entry: check it, give it its reference on first submission and keep what was
    submitted as a new EntryVersion.

    Idempotent: submitting an already submitted entry whose content has not changed since its
    last version returns that version and sends nothing, so double clicks, two tabs and replays
    yield one version. The server's clock decides the deadline.
    Side effects: an "entry.submit" audit event; a receipt email to the team and the copies of
    its files without metadata for blind rounds, both queued on commit.
    Raises EntryActionRefused (with `problems` when answers are missing or ineligible)."""
    now = now or timezone.now()
    entry = _lock(entry)
    category = entry.category
    if entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn and cannot be submitted."))
    if revision is not None and revision != entry.revision:
        raise EntryActionRefused(
            _("The entry changed after you opened the review page. Please review it again.")
        )
    content = entry_content(entry=entry)
    latest = version_latest(entry=entry)
    if entry.status == EntryStatus.SUBMITTED and latest and latest.content == content:
        return SubmitOutcome(entry=entry, version=latest, created=False)
    if now >= category.closes_at:
        raise EntryActionRefused(
            _(
                "The deadline (%(deadline)s, Stockholm time) has passed, so the entry cannot be "
                "submitted. Your draft is kept."
            )
            % {"deadline": _local(category.closes_at)}
        )
    if now < category.opens_at:
        raise EntryActionRefused(_("This category is not taking entries yet."))
    if entry.status == EntryStatus.SUBMITTED and not category.entries_editable_after_submission:
        raise EntryActionRefused(_("Submitted entries in this category cannot be changed."))
    problems = entry_problems(entry=entry)
    if problems:
        raise EntryActionRefused(
            _("Some answers are missing or need attention."), problems=problems
        )

    if entry.number is None:
        _entry_number_assign(entry=entry, category=category)
    version = EntryVersion.objects.create(
        entry=entry,
        number=(latest.number if latest else 0) + 1,
        submitted_by=user,
        content=content,
    )
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = now
    entry.submitted_revision = entry.revision
    # The answers passed the eligibility questions; an organiser's own ruling is never undone.
    if entry.eligibility == Eligibility.UNCHECKED:
        entry.eligibility = Eligibility.ELIGIBLE
    entry.consent_version = ",".join(content["consent"].values())[:40]
    entry.save(
        update_fields=[
            "number",
            "reference",
            "status",
            "submitted_at",
            "submitted_revision",
            "eligibility",
            "consent_version",
            "updated_at",
        ]
    )
    audit_record(
        actor=user,
        action="entry.submit",
        target=entry,
        summary=f"{entry.reference} v{version.number}",
        data={"version": version.number, "reference": entry.reference},
        edition=category.edition,
    )
    transaction.on_commit(
        partial(
            attachments_anonymise_task.enqueue,
            attachment_ids=[item["id"] for item in content["attachments"]],
        )
    )
    transaction.on_commit(
        partial(
            email_users_render_and_enqueue,
            template="entry_receipt",
            users=[member.user for member in team_for_entry(entry=entry)],
            context=partial(_receipt_context, entry=entry, version=version),
        )
    )
    return SubmitOutcome(entry=entry, version=version, created=True)


@transaction.atomic
def entry_withdraw(*, entry: Entry, user, now=None) -> Entry:
    """Withdraw the entry: the jury will not see it. Writes an "entry.withdraw" audit event.
    Withdrawing twice changes nothing."""
    entry = _lock(entry)
    if entry.status == EntryStatus.WITHDRAWN:
        return entry
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawn_at = now or timezone.now()
    entry.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=user, action="entry.withdraw", target=entry, edition=entry.category.edition)
    return entry


@transaction.atomic
def invitation_send(
    *, entry: Entry, invited_by, email: str, absolute_uri: Callable[[str], str]
) -> TeamInvitation:
    """Invite `email` to the entry's team; an open invitation to the same address is sent again.

    Side effects: an "entry.invite" audit event; the invitation email, queued on commit.
    `absolute_uri` turns the accept path into a full link (e.g. request.build_absolute_uri)."""
    entry = _lock(entry)
    if entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn."))
    if entry.team.filter(user__email__iexact=email).exists():
        raise EntryActionRefused(_("%(email)s is already on the team.") % {"email": email})
    invitation = entry.invitations.filter(email__iexact=email, accepted_at__isnull=True).first()
    if invitation is None:
        if entry.invitations.filter(accepted_at__isnull=True).count() >= MAX_PENDING_INVITATIONS:
            raise EntryActionRefused(_("This entry has too many open invitations."))
        invitation = TeamInvitation.objects.create(entry=entry, email=email, invited_by=invited_by)
    audit_record(
        actor=invited_by,
        action="entry.invite",
        target=entry,
        summary=email,
        edition=entry.category.edition,
    )
    context = {
        "inviter": str(invited_by),
        "title": entry.title or _("Untitled entry"),
        "award": entry.category.edition.award.name,
        "year": entry.category.edition.year,
        "category": entry.category.name,
        "url": absolute_uri(
            reverse("submissions:invitation-accept", kwargs={"token": invitation.token})
        ),
    }
    transaction.on_commit(
        partial(
            email_render_and_enqueue,
            template="entry_invitation",
            to=[email],
            context=context,
            language=get_language(),
        )
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: TeamInvitation, user, now=None) -> TeamMember:
    """Make `user` a team member with the same rights as the owner, whatever address they use.

    Accepting again is harmless; an invitation someone else accepted is refused.
    Writes an "entry.join" audit event."""
    invitation = (
        TeamInvitation.objects.select_for_update(of=("self",))
        .select_related("entry__category__edition")
        .filter(pk=invitation.pk)
        .first()
    )
    if invitation is None:  # withdrawn by the team since the page was opened
        raise EntryActionRefused(_("This invitation has been withdrawn."))
    if invitation.accepted_by_id is not None and invitation.accepted_by_id != user.pk:
        raise EntryActionRefused(_("This invitation has already been used."))
    if invitation.entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn."))
    member, created = TeamMember.objects.get_or_create(
        entry=invitation.entry, user=user, defaults={"role": TeamRole.MEMBER}
    )
    if invitation.accepted_at is None:
        invitation.accepted_by = user
        invitation.accepted_at = now or timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        audit_record(
            actor=user,
            action="entry.join",
            target=invitation.entry,
            summary=invitation.email,
            edition=invitation.entry.category.edition,
        )
    return member


@transaction.atomic
def team_owner_transfer(*, member: TeamMember, user, now=None) -> None:
    """Make `member` the entry's owner, its contact person; the owner `user` stays on the team as
    a member. Only the owner may hand the entry over, and only to someone within their own
    entry limit in the category. Writes a "team.owner_transfer" audit event."""
    now = now or timezone.now()
    entry = _lock(member.entry)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    if entry.owner_id != user.pk:
        raise EntryActionRefused(_("Only the owner of an entry can hand it over."))
    member = TeamMember.objects.select_related("user").filter(pk=member.pk, entry=entry).first()
    if member is None:
        raise EntryActionRefused(_("This person is no longer on the team."))
    if member.user_id == user.pk:
        return
    category = entry.category
    if _entries_owned(user_id=member.user_id, category=category) >= (
        category.max_entries_per_entrant
    ):
        raise EntryActionRefused(
            _("%(name)s already owns as many entries as this category allows.")
            % {"name": member.user}
        )
    TeamMember.objects.filter(entry=entry, user=user).update(role=TeamRole.MEMBER)
    TeamMember.objects.filter(pk=member.pk).update(role=TeamRole.OWNER)
    entry.owner = member.user
    entry.save(update_fields=["owner", "updated_at"])
    audit_record(
        actor=user,
        action="team.owner_transfer",
        target=entry,
        summary=member.user.email,
        data={"from": user.pk, "to": member.user_id},
        edition=category.edition,
    )


def _team_change_refusal(*, entry: Entry, user, now) -> str | None:
    """Why `user` may not change the entry's team now, or None: the same rule as for its content,
    and only someone still on the team (a co-applicant may have just removed them)."""
    refusal = entry_edit_refusal(entry=entry, now=now)
    if refusal:
        return refusal
    if not entry.team.filter(user=user).exists():
        return _("You are no longer on the team of this entry.")
    return None


@transaction.atomic
def invitation_revoke(*, invitation: TeamInvitation, user, now=None) -> None:
    """Withdraw an open invitation. It is deleted, so its emailed link leads nowhere (the accept
    page answers as for any unknown link). Any team member may do this.

    Refused when the entry can no longer be changed or the invitation was accepted meanwhile;
    revoking twice changes nothing. Writes a "team.invitation_revoke" audit event."""
    entry = _lock(invitation.entry)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    # invitation_accept locks the invitation row: lock it too, then look at what it says now.
    invitation = (
        TeamInvitation.objects.select_for_update().filter(pk=invitation.pk, entry=entry).first()
    )
    if invitation is None:
        return
    if invitation.accepted_at is not None:
        raise EntryActionRefused(
            _("%(email)s has already joined the team.") % {"email": invitation.email}
        )
    invitation.delete()
    audit_record(
        actor=user,
        action="team.invitation_revoke",
        target=entry,
        summary=invitation.email,
        edition=entry.category.edition,
    )


@transaction.atomic
def team_member_remove(*, member: TeamMember, user, now=None) -> None:
    """Take `member` off the entry's team; when `user` is that member, they leave it. Any team
    member may remove any co-applicant, but the owner can neither be removed nor leave.

    Side effects: the invitations the member accepted for this entry are deleted, or their
    emailed link would let them straight back in (invitation_accept lets the person who used a
    link use it again); a "team.member_remove" or "team.member_leave" audit event.
    Refused when the entry can no longer be changed; removing twice changes nothing."""
    entry = _lock(member.entry)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    member = TeamMember.objects.select_related("user").filter(pk=member.pk, entry=entry).first()
    if member is None:
        return
    leaving = member.user_id == user.pk
    if member.role == TeamRole.OWNER:
        raise EntryActionRefused(
            _("As the owner of this entry you cannot leave its team.")
            if leaving
            else _("The owner of an entry cannot be removed from its team.")
        )
    member.delete()
    entry.invitations.filter(accepted_by=member.user).delete()
    audit_record(
        actor=user,
        action="team.member_leave" if leaving else "team.member_remove",
        target=entry,
        summary=member.user.email,
        data={"user": member.user_id},
        edition=entry.category.edition,
    )


@dataclass(frozen=True)
class MoveOutcome:
    entry: Entry
    previous: Category
    # The entry was submitted and is a draft again: it must be submitted in its new category.
    unsubmitted: bool


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
    """Move the entry to `category`, another category of its edition that is taking entries.

    A draft simply changes category. A submitted entry becomes a draft in its new category: its
    number and reference (given per category) are cleared, its submitted versions stay as
    history, and it must be submitted again before the new category's deadline, when it gets a
    new reference there. Either way eligibility goes back to "not checked", even after an
    organiser's ruling: that ruling was on the old category's rules, and the new category's
    eligibility questions apply. Answers and files are kept; those for the old category's
    questions are not shown, submitted or exported in the new one, and come back if the entry
    moves back. The revision is bumped, so pages opened before the move cannot save or submit
    over it.

    Refused (EntryActionRefused) when the entry may not move (`entry_move_refusal`), when
    `user` is no longer on its team, when `category` is not another open category of the same
    edition, and (EntryLimitReached) when the owner already has as many entries there as it
    allows. Side effect: an "entry.move" audit event, "<old code> -> <new code>"."""
    now = now or timezone.now()
    entry = _lock(entry)
    previous = entry.category
    refusal = entry_move_refusal(entry=entry, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    if not entry.team.filter(user=user).exists():
        raise EntryActionRefused(_("You are no longer on the team of this entry."))
    if category.pk == previous.pk:
        raise EntryActionRefused(_("The entry is already in this category."))
    if category.edition_id != previous.edition_id:
        raise EntryActionRefused(
            _("An entry can only move to another category of the same award and year.")
        )
    if not category.is_open(now=now):
        raise EntryActionRefused(
            _("%(category)s is not taking entries now.") % {"category": category.name}
        )
    if entry.owner_id is not None:
        # The limit is the owner's, whoever on the team moves the entry.
        owned = _entries_owned(user_id=entry.owner_id, category=category)
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
    before = {
        "status": entry.status,
        "reference": entry.reference,
        "eligibility": entry.eligibility,
    }
    unsubmitted = entry.status == EntryStatus.SUBMITTED
    entry.category = category
    # What a fresh draft has, so that submitting gives a new number and reference in `category`.
    entry.status = EntryStatus.DRAFT
    entry.number = None
    entry.reference = None
    entry.submitted_at = None
    entry.submitted_revision = None
    entry.eligibility = Eligibility.UNCHECKED
    entry.ineligible_reason = ""
    entry.consent_version = ""
    entry.revision += 1
    entry.save(
        update_fields=[
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
    )
    audit_record(
        actor=user,
        action="entry.move",
        target=entry,
        summary=f"{previous.code} -> {category.code}",
        data={"from": previous.code, "to": category.code, **before},
        edition=category.edition,
    )
    return MoveOutcome(entry=entry, previous=previous, unsubmitted=unsubmitted)


def _entry_number_assign(*, entry: Entry, category: Category) -> None:
    """Give `entry` the next number in `category` and the reference made of it, e.g.
    FSA-2026-IDEA-0007 (not saved). Numbers are never reused: a gap stays where an entry left."""
    # Numbers are handed out one at a time per category: lock the category row.
    Category.objects.select_for_update().get(pk=category.pk)
    last = Entry.objects.filter(category=category).aggregate(last=Max("number"))["last"]
    entry.number = (last or 0) + 1
    entry.reference = (
        f"{category.edition.award.code}-{category.edition.year}-{category.code}-{entry.number:04d}"
    )


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
    (organisers act after deadlines, when the entrant can no longer move it).

    A draft simply changes category. A submitted entry stays submitted and gets the next number
    and a new reference in `category`, as at submission; its versions are kept as they are (they
    are what was submitted). Eligibility is left as it is: the organiser rules on it on the same
    page. The owner's entry limit in `category` does not apply. Answers and files are kept as
    for the entrant's move (`entry_move`). The revision is bumped, so the team's pages opened
    before the move cannot save over it with the old category's form.

    Refused (EntryActionRefused) for a withdrawn entry, an entry in a judging round (the jury's
    reviews follow the old category's rubric), and when `category` is not another category of
    the same edition.
    Side effects: an "entry.move" audit event, "<old code> -> <new code>", with the old and new
    reference and the reason; an email to each team member in their language, queued on commit.
    """
    entry = _lock(entry)
    previous = entry.category
    reason = reason.strip()
    if entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn, so it cannot be moved."))
    if category.pk == previous.pk:
        raise EntryActionRefused(_("The entry is already in this category."))
    if category.edition_id != previous.edition_id:
        raise EntryActionRefused(
            _("An entry can only move to another category of the same award and year.")
        )
    if entry.round_entries.exists():
        raise EntryActionRefused(
            _(
                "This entry is already in a judging round of %(category)s: the jury's reviews "
                "follow that category's rubric, so it cannot be moved to another category."
            )
            % {"category": previous.name}
        )
    previous_reference = entry.reference
    entry.category = category
    if entry.status == EntryStatus.SUBMITTED:
        _entry_number_assign(entry=entry, category=category)
    # The submitted revision moves along with the revision, so a submitted entry does not show
    # changes the jury has not seen: the move changes nothing the jury reads.
    if entry.submitted_revision == entry.revision:
        entry.submitted_revision += 1
    entry.revision += 1
    entry.save(
        update_fields=[
            "category",
            "number",
            "reference",
            "revision",
            "submitted_revision",
            "updated_at",
        ]
    )
    audit_record(
        actor=user,
        action="entry.move",
        target=entry,
        summary=f"{previous.code} -> {category.code}",
        data={
            "from": previous.code,
            "to": category.code,
            "status": entry.status,
            "old_reference": previous_reference,
            "new_reference": entry.reference,
            "reason": reason,
        },
        edition=category.edition,
    )
    transaction.on_commit(
        partial(
            email_users_render_and_enqueue,
            template="entry_moved",
            users=[member.user for member in team_for_entry(entry=entry)],
            context=partial(_moved_context, entry=entry, previous=previous, reason=reason),
        )
    )
    return entry
