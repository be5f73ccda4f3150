"""Organisers moving an entry to another category of its edition: the rules, the new reference,
the email to the team, the organiser's page and the admin, which no longer changes categories."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Entry
from submissions.rules import EntryActionRefused, RevisionConflict
from submissions.services.entries import entry_save_draft, entry_submit
from submissions.services.moves import entry_move_by_organiser
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    EntryFactory,
    JuryMemberFactory,
    RoundEntryFactory,
    RoundFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.submissions.samples import organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(year=2026, award__code="FSA", award__slug="fsa")


@pytest.fixture
def idea(edition):
    return CategoryFactory(edition=edition, code="IDEA", name_en="Idea", position=1)


@pytest.fixture
def tech(edition):
    # Closed: organisers move entries after the deadline too.
    now = timezone.now()
    return CategoryFactory(
        edition=edition,
        code="TECH",
        name_en="Technology",
        name_sv="Teknik",
        position=2,
        call_opens_at=now - dt.timedelta(days=20),
        call_closes_at=now - dt.timedelta(days=1),
    )


@pytest.fixture
def entry(idea):
    return EntryFactory(category=idea, title="Turn UP", pitch="Music for all.")


@pytest.fixture
def submitted(entry):
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    return entry


@pytest.fixture
def editor(client):
    user = organiser("view_entry", "change_entry")
    client.force_login(user)
    return user


def _move_url(entry):
    return reverse("submissions:organiser-entry-move", kwargs={"pk": entry.pk})


def _detail_url(entry):
    return reverse("submissions:organiser-entry-detail", kwargs={"pk": entry.pk})


def _refusal(entry, category) -> str:
    with pytest.raises(EntryActionRefused) as refused:
        entry_move_by_organiser(entry=entry, category=category, user=organiser("change_entry"))
    return refused.value.message


# The rules


def test_entry_move_by_organiser_draft_changes_category_and_keeps_eligibility(entry, tech):
    entry.eligibility = Eligibility.INELIGIBLE
    entry.ineligible_reason = "Not a student project."
    entry.save()

    entry_move_by_organiser(entry=entry, category=tech, user=organiser("change_entry"))

    entry.refresh_from_db()
    assert (entry.category, entry.status, entry.number, entry.reference) == (
        tech,
        EntryStatus.DRAFT,
        None,
        None,
    )
    assert (entry.eligibility, entry.ineligible_reason) == (
        Eligibility.INELIGIBLE,
        "Not a student project.",
    )


def test_entry_move_by_organiser_submitted_entry_gets_a_new_reference_and_stays_submitted(
    submitted, idea, tech
):
    before = Entry.objects.get(pk=submitted.pk)
    version = submitted.versions.get()
    idea.call_closes_at = timezone.now() - dt.timedelta(hours=1)
    idea.save()

    moved = entry_move_by_organiser(entry=submitted, category=tech, user=organiser())

    entry = Entry.objects.get(pk=submitted.pk)
    assert moved.reference == "FSA-2026-TECH-0001"
    assert (entry.category, entry.status, entry.number, entry.reference) == (
        tech,
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


def test_entry_move_by_organiser_numbers_after_the_entries_already_in_the_category(submitted, tech):
    EntryFactory(category=tech, number=3, reference="FSA-2026-TECH-0003")

    entry_move_by_organiser(entry=submitted, category=tech, user=organiser())

    submitted.refresh_from_db()
    assert (submitted.number, submitted.reference) == (4, "FSA-2026-TECH-0004")


def test_entry_move_by_organiser_stops_pages_opened_before_it_from_saving(entry, tech):
    revision = entry.revision

    entry_move_by_organiser(entry=entry, category=tech, user=organiser())

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


def test_entry_move_by_organiser_writes_an_audit_event(submitted, edition, tech):
    user = organiser("change_entry")

    entry_move_by_organiser(
        entry=submitted, category=tech, user=user, reason="  It is a technology.  "
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
    submitted, idea, tech, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://laurel.example.org"
    submitted.owner.language = "en"
    submitted.owner.save()
    member = TeamMemberFactory(entry=submitted, user=UserFactory(language="sv")).user
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        entry_move_by_organiser(
            entry=submitted, category=tech, user=organiser(), reason="It is a technology."
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
    entry, tech, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry_move_by_organiser(entry=entry, category=tech, user=organiser())

    (message,) = mail.outbox
    assert message.to == [entry.owner.email]
    assert "reference" not in message.body
    assert "Reason" not in message.body
    assert "Your entry is still a draft." in message.body


# Refusals: each leaves the entry where it was and sends nothing


def test_entry_move_by_organiser_refused_to_another_edition(
    entry, idea, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _refusal(entry, CategoryFactory())

    assert message == "An entry can only move to another category of the same award and year."
    entry.refresh_from_db()
    assert entry.category == idea
    assert (mail.outbox, AuditEvent.objects.filter(action="entry.move").count()) == ([], 0)


def test_entry_move_by_organiser_refused_to_its_own_category(entry, idea):
    assert _refusal(entry, idea) == "The entry is already in this category."


def test_entry_move_by_organiser_refused_when_withdrawn(entry, idea, tech):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    message = _refusal(entry, tech)

    assert message == "This entry has been withdrawn, so it cannot be moved."
    entry.refresh_from_db()
    assert entry.category == idea


def test_entry_move_by_organiser_refused_once_the_entry_is_in_a_judging_round(
    submitted, idea, tech
):
    RoundEntryFactory(round=RoundFactory(category=idea), entry=submitted)

    message = _refusal(submitted, tech)

    assert message == (
        "This entry is already in a judging round of Idea: the jury's reviews follow that "
        "category's rubric, so it cannot be moved to another category."
    )
    submitted.refresh_from_db()
    assert (submitted.category, submitted.reference) == (idea, "FSA-2026-IDEA-0001")


# The organiser's page


def test_entry_detail_offers_the_other_categories_of_the_edition(client, editor, entry, tech):
    CategoryFactory(name_en="Elsewhere")

    response = client.get(_detail_url(entry))

    assert response.status_code == 200
    form = response.context["move_form"]
    assert list(form.fields["category"].queryset) == [tech]
    assert f'action="{_move_url(entry)}"' in response.text
    assert 'for="id_move-category"' in response.text
    assert "Technology (TECH)" in response.text
    assert "Elsewhere" not in response.text


def test_entry_detail_hides_the_move_without_change_permission(client, entry, tech):
    client.force_login(organiser("view_entry"))

    response = client.get(_detail_url(entry))

    assert response.status_code == 200
    assert _move_url(entry) not in response.text


def test_organiser_entry_move_moves_and_says_so(client, editor, submitted, tech):
    response = client.post(
        _move_url(submitted), {"move-category": tech.pk, "move-reason": "It is a technology."}
    )

    assert (response.status_code, response.url) == (302, _detail_url(submitted))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The entry is now in Technology, with the reference FSA-2026-TECH-0001. Its team has "
        "been told by email."
    ]
    submitted.refresh_from_db()
    assert (submitted.category, submitted.reference) == (tech, "FSA-2026-TECH-0001")
    assert AuditEvent.objects.get(action="entry.move").actor == editor


def test_organiser_entry_move_without_a_category_shows_the_error_next_to_the_field(
    client, editor, entry, idea, tech
):
    response = client.post(_move_url(entry), {"move-category": "", "move-reason": ""})

    assert response.status_code == 400
    assert response.context["move_form"].errors == {
        "category": ["Choose the category to move the entry to."]
    }
    assert 'aria-describedby="id_move-category_error"' in response.text
    assert "Choose the category to move the entry to." in response.text
    entry.refresh_from_db()
    assert entry.category == idea


def test_organiser_entry_move_to_another_editions_category_is_an_invalid_choice(
    client, editor, entry, idea
):
    response = client.post(_move_url(entry), {"move-category": CategoryFactory().pk})

    assert response.status_code == 400
    assert response.context["move_form"].errors == {
        "category": ["Choose another category of this entry's award and year."]
    }


def test_organiser_entry_move_refused_shows_why_at_the_top_of_the_form(
    client, editor, submitted, idea, tech
):
    RoundEntryFactory(round=RoundFactory(category=idea), entry=submitted)

    response = client.post(_move_url(submitted), {"move-category": tech.pk})

    assert response.status_code == 400
    assert response.context["move_form"].non_field_errors() == [
        "This entry is already in a judging round of Idea: the jury's reviews follow that "
        "category's rubric, so it cannot be moved to another category."
    ]
    assert "already in a judging round of Idea" in response.text
    submitted.refresh_from_db()
    assert submitted.category == idea


def test_organiser_entry_move_is_404_for_entrant_judge_and_organiser_without_change(
    client, entry, idea, tech
):
    judge = JuryMemberFactory(category=idea).user
    people = [entry.owner, judge, organiser("view_entry")]

    statuses = []
    for person in people:
        client.force_login(person)
        statuses.append(client.post(_move_url(entry), {"move-category": tech.pk}).status_code)

    assert statuses == [404, 404, 404]
    entry.refresh_from_db()
    assert entry.category == idea
    assert AuditEvent.objects.filter(action="entry.move").count() == 0


def test_organiser_entry_move_sends_anonymous_visitors_to_sign_in(client, entry, tech):
    response = client.post(_move_url(entry), {"move-category": tech.pk})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# The admin


def test_entry_admin_shows_the_category_read_only(client, entry):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)

    change = client.get(reverse("admin:submissions_entry_change", args=[entry.pk]))
    add = client.get(reverse("admin:submissions_entry_add"))

    assert change.status_code == 200
    assert 'name="category"' not in change.text
    assert entry.category.name_en in change.text
    assert 'name="category"' in add.text
