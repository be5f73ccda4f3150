"""The entry services: starting, saving a draft, submitting and withdrawing an entry."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import Eligibility, EntryStatus, QuestionKind, TeamRole
from submissions.models import Answer, Entry, EntryVersion
from submissions.rules import EntryActionRefused, EntryLimitReached, RevisionConflict
from submissions.services.entries import (
    entry_create,
    entry_save_draft,
    entry_submit,
    entry_withdraw,
)
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EntryFactory,
    QuestionFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


def _draft(category, **fields) -> Entry:
    return EntryFactory(category=category, title="Turn UP", pitch="Music for all.", **fields)


def _save(entry, **changes) -> Entry:
    fields = {
        "title": entry.title,
        "pitch": entry.pitch,
        "organisation": entry.organisation,
        "answers": {},
        "revision": entry.revision,
    }
    fields.update(changes)
    return entry_save_draft(entry=entry, user=entry.owner, **fields)


def test_entry_create_makes_owner_the_first_team_member(category, user):
    entry = entry_create(category=category, user=user)

    assert (entry.status, entry.owner, entry.organisation) == (
        EntryStatus.DRAFT,
        user,
        user.organisation,
    )
    assert list(entry.team.values_list("user", "role")) == [(user.pk, TeamRole.OWNER)]
    assert AuditEvent.objects.filter(action="entry.create", target_id=str(entry.pk)).count() == 1


def test_entry_create_refused_past_the_limit_but_withdrawn_entries_do_not_count(category, user):
    category.max_entries_per_entrant = 1
    EntryFactory(category=category, owner=user, status=EntryStatus.WITHDRAWN)
    entry_create(category=category, user=user)

    with pytest.raises(EntryLimitReached):
        entry_create(category=category, user=user)
    assert Entry.objects.filter(category=category, owner=user).count() == 2


def test_entry_create_refused_when_call_closed(user):
    category = CategoryFactory(call_closes_at=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(EntryActionRefused):
        entry_create(category=category, user=user)


def test_entry_save_draft_stores_answers_and_bumps_revision(category):
    question = QuestionFactory(category=category)
    entry = _draft(category)

    saved = _save(entry, title="Turn UP!", answers={question.pk: "Concerts"})

    assert (saved.title, saved.revision) == ("Turn UP!", 1)
    assert Answer.objects.get(entry=entry, question=question).value == "Concerts"


def test_entry_save_draft_without_changes_keeps_revision(category):
    entry = _draft(category)

    saved = _save(entry, revision=99)

    assert saved.revision == 0


def test_entry_save_draft_refused_on_older_revision_and_keeps_stored_text(category):
    entry = _draft(category)
    _save(entry, title="From tab one")

    with pytest.raises(RevisionConflict) as conflict:
        _save(entry, title="From tab two", revision=0)

    entry.refresh_from_db()
    assert (entry.title, conflict.value.current_revision) == ("From tab one", 1)


def test_entry_save_draft_allowed_after_deadline_for_drafts(category):
    entry = _draft(category)
    category.call_closes_at = timezone.now() - dt.timedelta(minutes=1)
    category.save()

    saved = _save(entry, title="Late words are kept")

    assert saved.title == "Late words are kept"


def test_entry_save_draft_refused_when_submitted_and_category_forbids_edits(category):
    category.entries_editable_after_submission = False
    category.save()
    entry = _draft(category, status=EntryStatus.SUBMITTED)

    with pytest.raises(EntryActionRefused):
        _save(entry, title="Changed")


def test_entry_submit_assigns_reference_version_and_sends_receipt(
    category, django_capture_on_commit_callbacks
):
    consent = QuestionFactory(
        category=category, kind=QuestionKind.CHECKBOX, consent_version="privacy-2026-1"
    )
    entry = _draft(category)
    AnswerFactory(entry=entry, question=consent, value="yes")
    member = TeamMemberFactory(entry=entry)
    EntryFactory(category=category, number=6, reference="FSA-2026-IDEA-0006")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert (entry.status, entry.number, entry.reference) == (
        EntryStatus.SUBMITTED,
        7,
        "FSA-2026-IDEA-0007",
    )
    assert (entry.consent_version, entry.eligibility) == ("privacy-2026-1", Eligibility.ELIGIBLE)
    assert (outcome.created, outcome.version.number) == (True, 1)
    assert outcome.version.content["title"] == "Turn UP"
    assert sorted((m.subject, m.to) for m in mail.outbox) == sorted(
        ("[Laurel] Entry received: FSA-2026-IDEA-0007", [email])
        for email in [entry.owner.email, member.user.email]
    )
    assert "FSA-2026-IDEA-0007" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="entry.submit", target_id=str(entry.pk)).count() == 1


def test_entry_submit_replayed_creates_no_second_version_or_receipt(
    category, django_capture_on_commit_callbacks
):
    entry = _draft(category)
    with django_capture_on_commit_callbacks(execute=True):
        entry_submit(entry=entry, user=entry.owner)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = entry_submit(entry=entry, user=entry.owner)

    assert (outcome.created, EntryVersion.objects.filter(entry=entry).count()) == (False, 1)
    assert len(mail.outbox) == 1


def test_entry_submit_after_edit_keeps_every_version(category):
    entry = _draft(category)
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    entry = _save(entry, title="Turn UP 2")

    outcome = entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert [v.content["title"] for v in entry.versions.order_by("number")] == [
        "Turn UP",
        "Turn UP 2",
    ]
    assert (outcome.version.number, entry.reference, entry.has_unsubmitted_changes) == (
        2,
        f"FSA-2026-IDEA-{entry.number:04d}",
        False,
    )


def test_entry_submit_after_deadline_refused_and_draft_kept(category):
    entry = _draft(category)
    late = category.closes_at + dt.timedelta(seconds=1)

    with pytest.raises(EntryActionRefused) as refusal:
        entry_submit(entry=entry, user=entry.owner, now=late)

    entry.refresh_from_db()
    assert "has passed" in refusal.value.message
    assert (entry.status, entry.title, entry.versions.count()) == (EntryStatus.DRAFT, "Turn UP", 0)


def test_entry_submit_with_missing_answers_refused_with_problems(category):
    QuestionFactory(category=category, required=True)
    entry = _draft(category)

    with pytest.raises(EntryActionRefused) as refusal:
        entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert (len(refusal.value.problems), entry.status) == (1, EntryStatus.DRAFT)


def test_entry_submit_refused_on_stale_review_revision(category):
    entry = _draft(category)
    _save(entry, title="Changed after review")

    with pytest.raises(EntryActionRefused):
        entry_submit(entry=entry, user=entry.owner, revision=0)

    assert entry.versions.count() == 0


def test_entry_withdraw_sets_status_and_audits(category):
    entry = _draft(category)

    entry_withdraw(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    assert entry.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="entry.withdraw").count() == 1


def test_withdrawn_entry_cannot_be_submitted(category):
    entry = _draft(category)
    entry_withdraw(entry=entry, user=entry.owner)

    with pytest.raises(EntryActionRefused):
        entry_submit(entry=entry, user=entry.owner)


def test_entry_submit_keeps_an_organisers_ineligible_ruling(category):
    entry = _draft(category, eligibility=Eligibility.INELIGIBLE)

    entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert entry.eligibility == Eligibility.INELIGIBLE


def test_entry_save_draft_writes_one_edit_audit_event_per_quarter_hour(category):
    entry = _draft(category)
    question = QuestionFactory(category=category)
    start = timezone.now()

    entry = _save(entry, title="Turn UP!", answers={question.pk: "Music"}, now=start)
    entry = _save(entry, pitch="Music for everyone.", now=start + dt.timedelta(minutes=5))
    _save(entry, pitch="Music for all of us.", now=start + dt.timedelta(minutes=16))

    edits = AuditEvent.objects.filter(action="entry.edit", target_id=str(entry.pk))
    assert [(e.data["fields"], e.data["questions"]) for e in edits.order_by("id")] == [
        (["title"], [question.pk]),
        (["pitch"], []),
    ]
