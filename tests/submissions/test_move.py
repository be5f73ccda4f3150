"""Moving an entry to another category of its edition: the rules, what a move resets and keeps,
and the entrant's page."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import Eligibility, EntryStatus
from submissions.exports import entry_export_rows
from submissions.models import Answer, Entry
from submissions.rules import EntryActionRefused, EntryLimitReached
from submissions.selectors import entries_for_organiser, entry_content
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_submit
from submissions.services.moves import entry_move
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EditionFactory,
    EntryFactory,
    QuestionFactory,
    RoundEntryFactory,
    RoundFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.submissions.samples import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(year=2026, award__code="FSA", award__slug="fsa")


@pytest.fixture
def idea(edition):
    return CategoryFactory(edition=edition, code="IDEA", name_en="Idea", position=1)


@pytest.fixture
def tech(edition):
    return CategoryFactory(edition=edition, code="TECH", name_en="Technology", position=2)


@pytest.fixture
def entry(idea):
    return EntryFactory(category=idea, title="Turn UP", pitch="Music for all.")


def _move_url(entry):
    return reverse("submissions:entry-move", kwargs={"pk": entry.pk})


def _refusal(entry, category, user=None, **kwargs) -> str:
    with pytest.raises(EntryActionRefused) as refused:
        entry_move(entry=entry, category=category, user=user or entry.owner, **kwargs)
    return refused.value.message


# The rules


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


def test_entry_move_leaves_old_category_answers_out_of_the_export(edition, entry, idea, tech):
    idea_text = QuestionFactory(category=idea, label_en="Your idea")
    tech_text = QuestionFactory(category=tech, label_en="Your technology")
    AnswerFactory(entry=entry, question=idea_text, value="Concerts")
    AnswerFactory(entry=entry, question=tech_text, value="Speakers")

    entry_move(entry=entry, category=tech, user=entry.owner)
    rows = list(entry_export_rows(edition=edition, entries=entries_for_organiser(edition=edition)))

    assert rows[0][-2:] == ["IDEA: Your idea", "TECH: Your technology"]
    assert rows[1][1] == "TECH"
    assert rows[1][-2:] == ["", "Speakers"]


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


# Refusals: each leaves the entry where it was


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


# The page


def test_entry_move_page_lists_only_open_categories_of_the_same_edition(
    client, entry, edition, tech
):
    now = timezone.now()
    CategoryFactory(
        edition=edition,
        name_en="Closed",
        call_opens_at=now - dt.timedelta(days=10),
        call_closes_at=now - dt.timedelta(days=1),
    )
    CategoryFactory(name_en="Elsewhere")
    tech.call_closes_at = dt.datetime(2030, 3, 31, 21, 59, tzinfo=dt.UTC)
    tech.save()
    client.force_login(entry.owner)

    response = client.get(_move_url(entry))

    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["form"].fields["category"].queryset) == [tech]
    assert "Technology (deadline 31 March 2030, 23:59, Stockholm time)" in html
    assert html.count('type="radio"') == 1
    assert "Elsewhere" not in html


def test_entry_move_page_says_so_when_no_other_category_is_open(client, entry):
    client.force_login(entry.owner)

    response = client.get(_move_url(entry))

    html = response.content.decode()
    assert "No other category of this award is taking entries now" in html
    assert 'name="category"' not in html


def test_entry_edit_links_to_the_move_only_when_another_category_is_open(client, entry, edition):
    client.force_login(entry.owner)
    edit_url = reverse("submissions:entry-edit", kwargs={"pk": entry.pk})

    alone = client.get(edit_url).content.decode()
    CategoryFactory(edition=edition)
    with_another = client.get(edit_url).content.decode()

    assert _move_url(entry) not in alone
    assert _move_url(entry) in with_another


def test_entry_move_page_warns_a_submitted_entry_it_must_be_submitted_again(client, entry, tech):
    entry_submit(entry=entry, user=entry.owner)
    client.force_login(entry.owner)

    html = client.get(_move_url(entry)).content.decode()

    assert "This entry was submitted as FSA-2026-IDEA-0001. Moving it makes it a draft" in html


def test_entry_move_post_moves_a_draft_with_a_success_message(client, entry, tech):
    client.force_login(entry.owner)

    response = client.post(_move_url(entry), {"category": tech.pk})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("submissions:entry-edit", kwargs={"pk": entry.pk})
    assert entry.category == tech
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your entry is now in Technology."
    ]


def test_entry_move_post_warns_a_formerly_submitted_entry_to_submit_again(client, entry, tech):
    tech.call_closes_at = dt.datetime(2030, 3, 31, 21, 59, tzinfo=dt.UTC)
    tech.save()
    entry_submit(entry=entry, user=entry.owner)
    client.force_login(entry.owner)

    response = client.post(_move_url(entry), {"category": tech.pk})

    assert [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)] == [
        ("success", "Your entry is now in Technology."),
        (
            "warning",
            "Your entry is a draft again: the jury will not see it unless you submit it again "
            "in Technology by 31 March 2030, 23:59 (Stockholm time). It gets a new reference "
            "then.",
        ),
    ]


def test_entry_move_post_shows_a_refusal_on_the_page(client, entry, idea, tech):
    entry_submit(entry=entry, user=entry.owner)
    RoundEntryFactory(round=RoundFactory(category=idea), entry=entry)
    client.force_login(entry.owner)

    response = client.post(_move_url(entry), {"category": tech.pk})

    entry.refresh_from_db()
    assert response.status_code == 200
    assert "Only the organisers can move it now" in response.content.decode()
    assert entry.category == idea


def test_entry_move_post_to_a_category_not_offered_is_a_form_error(client, entry, idea):
    client.force_login(entry.owner)

    response = client.post(_move_url(entry), {"category": CategoryFactory().pk})

    entry.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["category"] == [
        "That category is not taking entries now. Choose another one."
    ]
    assert entry.category == idea


def test_entry_move_is_404_for_another_entrant(client, entry, idea, tech):
    client.force_login(UserFactory())

    page = client.get(_move_url(entry))
    move = client.post(_move_url(entry), {"category": tech.pk})

    entry.refresh_from_db()
    assert (page.status_code, move.status_code) == (404, 404)
    assert entry.category == idea
    assert not AuditEvent.objects.filter(action="entry.move").exists()


def test_entry_move_sends_anonymous_visitors_to_sign_in(client, entry):
    response = client.get(_move_url(entry))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_entry_move_changes_nothing_on_get(client, entry, tech):
    client.force_login(entry.owner)

    client.get(_move_url(entry), {"category": tech.pk})

    assert Entry.objects.get(pk=entry.pk).category == entry.category


def test_a_version_submitted_before_a_move_shows_its_own_categorys_questions(
    client, entry, idea, tech
):
    asked = QuestionFactory(category=idea, label_en="Who comes to the concerts?")
    plan = QuestionFactory(category=idea, kind="file", label_en="Business plan")
    QuestionFactory(category=tech, label_en="Which technology?")
    AnswerFactory(entry=entry, question=asked, value="Everyone nearby")
    attachment_add(
        entry=entry, question=plan, uploaded_file=upload("plan.pdf", PDF), user=entry.owner
    )
    entry_submit(entry=entry, user=entry.owner)
    entry_move(entry=entry, category=tech, user=entry.owner)
    client.force_login(entry.owner)

    page = client.get(reverse("submissions:version-detail", args=[entry.pk, 1])).content.decode()

    assert "Who comes to the concerts?" in page and "Everyone nearby" in page
    assert "Business plan" in page and "plan.pdf" in page
    assert "Which technology?" not in page
