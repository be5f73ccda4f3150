"""Writes on an entry's life: starting it, saving its draft, submitting it (a new version each
time its content changed) and withdrawing it."""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.mail import email_users_render_and_enqueue
from audit.models import AuditEvent
from audit.services import audit_record
from awards.models import Category
from submissions.enums import Eligibility, EntryStatus, TeamRole
from submissions.models import Answer, Entry, EntryVersion, TeamMember
from submissions.rules import (
    EntryActionRefused,
    EntryLimitReached,
    RevisionConflict,
    entry_edit_refusal,
)
from submissions.selectors import (
    answers_by_question,
    entry_content,
    entry_problems,
    team_for_entry,
    version_latest,
)
from submissions.services.locks import entries_owned_count, entry_lock, entry_number_assign
from submissions.tasks import attachments_anonymise_task


@dataclass(frozen=True)
class SubmitOutcome:
    entry: Entry
    version: EntryVersion
    created: bool


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@transaction.atomic
def entry_create(*, category: Category, user, now=None) -> Entry:
    """Start a draft entry owned by `user`, who becomes its first team member.

    Refused when the call is not open or the user already owns as many (not withdrawn) entries
    in the category as it allows. Writes an "entry.create" audit event."""
    now = now or timezone.now()
    if not category.is_open(now=now):
        raise EntryActionRefused(_("This category is not taking entries now."))
    if entries_owned_count(user_id=user.pk, category=category) >= category.max_entries_per_entrant:
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
    entry = entry_lock(pk=entry.pk)
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
    Side effects: an "entry.submit" audit event; a receipt email to the team (in the outbox, in this
    transaction) and the copies of its files without metadata for blind rounds, queued on commit.
    Raises EntryActionRefused (with `problems` when answers are missing or ineligible)."""
    now = now or timezone.now()
    entry = entry_lock(pk=entry.pk)
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
    _submit_check(entry=entry, now=now)
    version = _version_record(entry=entry, user=user, content=content, latest=latest, now=now)
    transaction.on_commit(
        partial(
            attachments_anonymise_task.enqueue,
            attachment_ids=[item["id"] for item in content["attachments"]],
        )
    )
    # In this transaction: the receipt exists if and only if the submission does.
    email_users_render_and_enqueue(
        template="entry_receipt",
        users=[member.user for member in team_for_entry(entry=entry)],
        context=partial(_receipt_context, entry=entry, version=version),
        related=entry,
        key=f"entry_receipt:{version.pk}",
    )
    return SubmitOutcome(entry=entry, version=version, created=True)


def _submit_check(*, entry: Entry, now) -> None:
    """Raise EntryActionRefused when the locked entry, whose content changed since its last
    version, may not be submitted now: the call's dates, the category's rule on changing a
    submitted entry, then its answers."""
    category = entry.category
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


def _version_record(
    *, entry: Entry, user, content: dict, latest: EntryVersion | None, now
) -> EntryVersion:
    """Keep `content` as the locked entry's next version and mark the entry submitted, numbered
    on its first submission. Writes the "entry.submit" audit event."""
    category = entry.category
    if entry.number is None:
        entry_number_assign(entry=entry, category=category)
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
    return version


@transaction.atomic
def entry_withdraw(*, entry: Entry, user, now=None) -> Entry:
    """Withdraw the entry: the jury will not see it. Writes an "entry.withdraw" audit event.
    Withdrawing twice changes nothing."""
    entry = entry_lock(pk=entry.pk)
    if entry.status == EntryStatus.WITHDRAWN:
        return entry
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawn_at = now or timezone.now()
    entry.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=user, action="entry.withdraw", target=entry, edition=entry.category.edition)
    return entry
