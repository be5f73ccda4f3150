"""Moving an entry to another category of its edition, the entrant's move and an organiser's:
the rules, what a move resets and keeps, the new reference and the email to the team."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Answer, Entry
from submissions.rules import EntryActionRefused, EntryLimitReached, RevisionConflict
from submissions.selectors import entry_content
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_save_draft, entry_submit
from submissions.services.moves import entry_move, entry_move_by_organiser
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EntryFactory,
    QuestionFactory,
    RoundEntryFactory,
    RoundFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.submissions.samples import PDF, organiser, upload

pytestmark = pytest.mark.django_db


def _refusal(entry, category, user=None, **kwargs) -> str:
    with pytest.raises(EntryActionRefused) as refused:
        entry_move(entry=entry, category=category, user=user or entry.owner, **kwargs)
    return refused.value.message


def _organiser_refusal(entry, category) -> str:
    with pytest.raises(EntryActionRefused) as refused:
        entry_move_by_organiser(entry=entry, category=category, user=organiser("change_entry"))
    return refused.value.message


# The entrant's move


def test_entry_move_draft_changes_category_and_keeps_its_answers(entry, idea, tech):
    question = QuestionFactory(category=idea, label_en="Your idea")
    AnswerFactory(entry=entry, question=question, value="Concerts in the square")

    outcome = entry_move(entry=entry, category=tech, user=entry.owner)

    entry.refresh_from_db()
    assert (entry.category, entry.status, entry.revision) == (tech, EntryStatus.DRAFT, 1)
    assert (outcome.previous, outcome.unsubmitted) == (idea, False)
    assert list(Answer.objects.filter(entry=entry).values_list("question", "value")) == [
        (question.pk, "Concerts in the square")
    ]


def test_entry_move_and_back_shows_the_old_categorys_answers_again(client, entry, idea, tech):
    question = QuestionFactory(category=idea, label_en="Your idea")
    AnswerFactory(entry=entry, question=question, value="Concerts in the square")
    client.force_login(entry.owner)
    edit_url = reverse("submissions:entry-edit", kwargs={"pk": entry.pk})

    entry_move(entry=entry, category=tech, user=entry.owner)
    in_tech = client.get(edit_url).content.decode()
    entry_move(entry=entry, category=idea, user=entry.owner)
    back_in_idea = client.get(edit_url).content.decode()

    assert "Concerts in the square" not in in_tech
    assert "Your idea" not in in_tech
    assert "Concerts in the square" in back_in_idea


def test_entry_move_resets_eligibility_even_after_an_organisers_ruling(entry, tech):
    entry.eligibility = Eligibility.INELIGIBLE
    entry.ineligible_reason = "Not a student project."
    entry.save()

    entry_move(entry=entry, category=tech, user=entry.owner)

    entry.refresh_from_db()
    assert (entry.eligibility, entry.ineligible_reason) == (Eligibility.UNCHECKED, "")


def test_entry_move_submitted_entry_becomes_a_draft_and_resubmits_with_a_new_reference(
    entry, idea, tech
):
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    assert entry.reference == "FSA-2026-IDEA-0001"

    outcome = entry_move(entry=entry, category=tech, user=entry.owner)

    entry.refresh_from_db()
    assert outcome.unsubmitted is True
    assert (entry.status, entry.number, entry.reference) == (EntryStatus.DRAFT, None, None)
    assert (entry.submitted_at, entry.submitted_revision) == (None, None)
    assert (entry.eligibility, entry.consent_version) == (Eligibility.UNCHECKED, "")
    assert list(entry.versions.values_list("number", flat=True)) == [1]

    resubmitted = entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert (entry.status, entry.number, entry.reference) == (
        EntryStatus.SUBMITTED,
        1,
        "FSA-2026-TECH-0001",
    )
    assert (resubmitted.created, resubmitted.version.number) == (True, 2)
    assert list(entry.versions.values_list("number", flat=True)) == [2, 1]


def test_entry_move_numbers_the_resubmitted_entry_after_those_already_in_the_category(entry, tech):
    EntryFactory(category=tech, number=3, reference="FSA-2026-TECH-0003")
    entry_submit(entry=entry, user=entry.owner)

    entry_move(entry=entry, category=tech, user=entry.owner)
    entry_submit(entry=entry, user=entry.owner)

    entry.refresh_from_db()
    assert (entry.number, entry.reference) == (4, "FSA-2026-TECH-0004")


def test_entry_move_leaves_old_category_answers_and_files_out_of_the_new_version(entry, idea, tech):
    idea_text = QuestionFactory(category=idea, label_en="Your idea", required=False)
    idea_files = QuestionFactory(category=idea, kind="file", label_en="Plan", required=False)
    tech_text = QuestionFactory(category=tech, label_en="Your technology", required=False)
    AnswerFactory(entry=entry, question=idea_text, value="Concerts")
    AnswerFactory(entry=entry, question=tech_text, value="Speakers")
    attachment_add(
        entry=entry, question=idea_files, uploaded_file=upload("plan.pdf", PDF), user=entry.owner
    )

    entry_move(entry=entry, category=tech, user=entry.owner)
    entry.refresh_from_db()
    content = entry_content(entry=entry)
    outcome = entry_submit(entry=entry, user=entry.owner)

    assert [answer["value"] for answer in content["answers"]] == ["Speakers"]
    assert content["attachments"] == []
    assert outcome.version.content == content
    assert entry.attachments.count() == 1


def test_entry_move_writes_an_audit_event(entry, edition, tech):
    entry_submit(entry=entry, user=entry.owner)

    entry_move(entry=entry, category=tech, user=entry.owner)

    event = AuditEvent.objects.get(action="entry.move")
    assert (event.actor, event.target_id, event.summary, event.edition) == (
        entry.owner,
        str(entry.pk),
        "IDEA -> TECH",
        edition,
    )
    assert event.data == {
        "from": "IDEA",
        "to": "TECH",
        "status": "submitted",
        "reference": "FSA-2026-IDEA-0001",
        "eligibility": "eligible",
    }


def test_entry_move_by_a_team_member_is_allowed(entry, tech):
    member = TeamMemberFactory(entry=entry).user

    entry_move(entry=entry, category=tech, user=member)

    entry.refresh_from_db()
    assert entry.category == tech


# The entrant's move refused: each leaves the entry where it was


def test_entry_move_refused_to_a_closed_category(entry, idea, edition):
    now = timezone.now()
    closed = CategoryFactory(
        edition=edition,
        name_en="Closed",
        call_opens_at=now - dt.timedelta(days=10),
        call_closes_at=now - dt.timedelta(days=1),
    )

    assert _refusal(entry, closed) == "Closed is not taking entries now."
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_refused_to_a_category_not_open_yet(entry, edition):
    now = timezone.now()
    upcoming = CategoryFactory(
        edition=edition,
        name_en="Later",
        call_opens_at=now + dt.timedelta(days=1),
        call_closes_at=now + dt.timedelta(days=20),
    )

    assert _refusal(entry, upcoming) == "Later is not taking entries now."


def test_entry_move_refused_to_another_edition(entry, idea):
    elsewhere = CategoryFactory()

    message = _refusal(entry, elsewhere)

    assert message == "An entry can only move to another category of the same award and year."
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_refused_to_its_own_category(entry, idea):
    assert _refusal(entry, idea) == "The entry is already in this category."


def test_entry_move_refused_when_withdrawn(entry, idea, tech):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    message = _refusal(entry, tech)

    assert message == "This entry has been withdrawn and can no longer be changed."
    entry.refresh_from_db()
    assert (entry.category, entry.status) == (idea, EntryStatus.WITHDRAWN)


def test_entry_move_refused_when_submitted_entries_cannot_be_changed(entry, idea, tech):
    idea.entries_editable_after_submission = False
    idea.save()
    entry_submit(entry=entry, user=entry.owner)

    message = _refusal(entry, tech)

    assert message == "Submitted entries in this category cannot be changed."
    entry.refresh_from_db()
    assert (entry.category, entry.reference) == (idea, "FSA-2026-IDEA-0001")


def test_entry_move_refused_for_a_submitted_entry_past_its_deadline(entry, idea, tech):
    entry_submit(entry=entry, user=entry.owner)
    idea.call_closes_at = timezone.now() - dt.timedelta(hours=1)
    idea.save()

    message = _refusal(entry, tech)

    assert message == "The deadline has passed: your submitted entry can no longer be changed."
    entry.refresh_from_db()
    assert (entry.category, entry.status) == (idea, EntryStatus.SUBMITTED)


def test_entry_move_refused_once_the_entry_is_in_a_judging_round(entry, idea, tech):
    entry_submit(entry=entry, user=entry.owner)
    RoundEntryFactory(round=RoundFactory(category=idea), entry=entry)

    message = _refusal(entry, tech)

    assert message == (
        "The jury has this entry already, so you cannot move it to another category. "
        "Only the organisers can move it now: please contact them."
    )
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_refused_when_the_owner_has_reached_the_limit(entry, idea, tech):
    EntryFactory(category=tech, owner=entry.owner)

    with pytest.raises(EntryLimitReached) as refused:
        entry_move(entry=entry, category=tech, user=entry.owner)

    assert refused.value.message == "You already have the most entries Technology allows (1)."
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_limit_is_the_owners_when_a_team_member_moves(entry, tech):
    EntryFactory(category=tech, owner=entry.owner)
    member = TeamMemberFactory(entry=entry).user

    with pytest.raises(EntryLimitReached) as refused:
        entry_move(entry=entry, category=tech, user=member)

    assert refused.value.message == (
        "The owner of this entry already has the most entries Technology allows (1)."
    )


def test_entry_move_limit_ignores_withdrawn_entries_and_other_peoples(entry, tech):
    EntryFactory(category=tech, owner=entry.owner, status=EntryStatus.WITHDRAWN)
    EntryFactory(category=tech)

    entry_move(entry=entry, category=tech, user=entry.owner)

    entry.refresh_from_db()
    assert entry.category == tech


def test_entry_move_refused_for_someone_no_longer_on_the_team(entry, tech):
    assert _refusal(entry, tech, user=UserFactory()) == (
        "You are no longer on the team of this entry."
    )


# An organiser's move


def test_entry_move_by_organiser_draft_changes_category_and_keeps_eligibility(entry, closed_tech):
    entry.eligibility = Eligibility.INELIGIBLE
    entry.ineligible_reason = "Not a student project."
    entry.save()

    entry_move_by_organiser(entry=entry, category=closed_tech, user=organiser("change_entry"))

    entry.refresh_from_db()
    assert (entry.category, entry.status, entry.number, entry.reference) == (
        closed_tech,
        EntryStatus.DRAFT,
        None,
        None,
    )
    assert (entry.eligibility, entry.ineligible_reason) == (
        Eligibility.INELIGIBLE,
        "Not a student project.",
    )


def test_entry_move_by_organiser_submitted_entry_gets_a_new_reference_and_stays_submitted(
    submitted, idea, closed_tech
):
    before = Entry.objects.get(pk=submitted.pk)
    version = submitted.versions.get()
    idea.call_closes_at = timezone.now() - dt.timedelta(hours=1)
    idea.save()

    moved = entry_move_by_organiser(entry=submitted, category=closed_tech, user=organiser())

    entry = Entry.objects.get(pk=submitted.pk)
    assert moved.reference == "FSA-2026-TECH-0001"
    assert (entry.category, entry.status, entry.number, entry.reference) == (
        closed_tech,
        EntryStatus.SUBMITTED,
        1,
        "FSA-2026-TECH-0001",
    )
    assert (entry.submitted_at, entry.eligibility, entry.consent_version) == (
        before.submitted_at,
        before.eligibility,
        before.consent_version,
    )
    assert entry.has_unsubmitted_changes is False
    assert list(entry.versions.values_list("pk", "number", "content")) == [
        (version.pk, 1, version.content)
    ]


def test_entry_move_by_organiser_numbers_after_the_entries_already_in_the_category(
    submitted, closed_tech
):
    EntryFactory(category=closed_tech, number=3, reference="FSA-2026-TECH-0003")

    entry_move_by_organiser(entry=submitted, category=closed_tech, user=organiser())

    submitted.refresh_from_db()
    assert (submitted.number, submitted.reference) == (4, "FSA-2026-TECH-0004")


def test_entry_move_by_organiser_stops_pages_opened_before_it_from_saving(entry, closed_tech):
    revision = entry.revision

    entry_move_by_organiser(entry=entry, category=closed_tech, user=organiser())

    with pytest.raises(RevisionConflict):
        entry_save_draft(
            entry=entry,
            user=entry.owner,
            title="Turn UP again",
            pitch=entry.pitch,
            organisation=entry.organisation,
            answers={},
            revision=revision,
        )


def test_entry_move_by_organiser_writes_an_audit_event(submitted, edition, closed_tech):
    user = organiser("change_entry")

    entry_move_by_organiser(
        entry=submitted, category=closed_tech, user=user, reason="  It is a technology.  "
    )

    event = AuditEvent.objects.get(action="entry.move")
    assert (event.actor, event.target_id, event.summary, event.edition) == (
        user,
        str(submitted.pk),
        "IDEA -> TECH",
        edition,
    )
    assert event.data == {
        "from": "IDEA",
        "to": "TECH",
        "status": "submitted",
        "old_reference": "FSA-2026-IDEA-0001",
        "new_reference": "FSA-2026-TECH-0001",
        "reason": "It is a technology.",
    }


def test_entry_move_by_organiser_emails_each_team_member_in_their_language(
    submitted, idea, closed_tech, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://laurel.example.org"
    submitted.owner.language = "en"
    submitted.owner.save()
    member = TeamMemberFactory(entry=submitted, user=UserFactory(language="sv")).user
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        entry_move_by_organiser(
            entry=submitted, category=closed_tech, user=organiser(), reason="It is a technology."
        )

    english, swedish = mail.outbox
    assert (english.to, swedish.to) == ([submitted.owner.email], [member.email])
    assert english.subject == "[Laurel] Your entry has been moved to Technology"
    assert "from the category Idea to Technology" in english.body
    assert "FSA-2026-TECH-0001" in english.body
    assert "It is a technology." in english.body
    assert f"https://laurel.example.org/entries/{submitted.pk}/" in english.body
    assert swedish.subject == "[Laurel] Ditt bidrag har flyttats till Teknik"
    assert f"från kategorin {idea.name_sv} till Teknik." in swedish.body
    assert "FSA-2026-TECH-0001" in swedish.body
    assert f"https://laurel.example.org/sv/entries/{submitted.pk}/" in swedish.body


def test_entry_move_by_organiser_email_for_a_draft_has_no_reference_or_reason(
    entry, closed_tech, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry_move_by_organiser(entry=entry, category=closed_tech, user=organiser())

    (message,) = mail.outbox
    assert message.to == [entry.owner.email]
    assert "reference" not in message.body
    assert "Reason" not in message.body
    assert "Your entry is still a draft." in message.body


# An organiser's move refused: each leaves the entry where it was and sends nothing


def test_entry_move_by_organiser_refused_to_another_edition(
    entry, idea, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _organiser_refusal(entry, CategoryFactory())

    assert message == "An entry can only move to another category of the same award and year."
    entry.refresh_from_db()
    assert entry.category == idea
    assert (mail.outbox, AuditEvent.objects.filter(action="entry.move").count()) == ([], 0)


def test_entry_move_by_organiser_refused_to_its_own_category(entry, idea):
    assert _organiser_refusal(entry, idea) == "The entry is already in this category."


def test_entry_move_by_organiser_refused_when_withdrawn(entry, idea, closed_tech):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    message = _organiser_refusal(entry, closed_tech)

    assert message == "This entry has been withdrawn, so it cannot be moved."
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_by_organiser_refused_once_the_entry_is_in_a_judging_round(
    submitted, idea, closed_tech
):
    RoundEntryFactory(round=RoundFactory(category=idea), entry=submitted)

    message = _organiser_refusal(submitted, closed_tech)

    assert message == (
        "This entry is already in a judging round of Idea: the jury's reviews follow that "
        "category's rubric, so it cannot be moved to another category."
    )
    submitted.refresh_from_db()
    assert (submitted.category, submitted.reference) == (idea, "FSA-2026-IDEA-0001")
