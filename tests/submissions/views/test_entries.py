"""Entrant pages of the draft: My entries, starting an entry, the entry form, autosave,
withdrawing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.enums import EntryStatus, QuestionKind
from submissions.models import Answer, Entry
from tests.clients import LaurelClient as Client
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EntryFactory,
    QuestionFactory,
    TeamMemberFactory,
)
from tests.submissions.samples import entry_form_data, entry_url, query_count

pytestmark = pytest.mark.django_db


def _move_url(entry):
    return reverse("submissions:entry-move", kwargs={"pk": entry.pk})


def test_entry_list_shows_own_and_team_entries_only(client, category, user):
    own = EntryFactory(category=category, owner=user, title="Own idea")
    team = EntryFactory(category=category, title="Team idea")
    TeamMemberFactory(entry=team, user=user)
    EntryFactory(category=category, title="Someone else's idea")
    client.force_login(user)

    response = client.get(reverse("submissions:entry-list"))

    assert response.status_code == 200
    assert list(response.context["entries"]) == [team, own]
    assert "Someone else" not in response.content.decode()


def test_entry_list_needs_sign_in(client):
    response = client.get(reverse("submissions:entry-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_entry_list_shows_deadline_in_stockholm_time(client, user):
    closes = dt.datetime(2030, 3, 1, 11, 0, tzinfo=dt.UTC)  # 12:00 in Stockholm
    EntryFactory(owner=user, category__edition__call_closes_at=closes)
    client.force_login(user)

    response = client.get(reverse("submissions:entry-list"))

    assert "1 Mar 2030, 12:00" in response.content.decode()


def test_entry_list_query_count_does_not_grow_with_entries(client, user):
    client.force_login(user)
    EntryFactory(owner=user)
    few = query_count(client, reverse("submissions:entry-list"))
    for _ in range(5):
        EntryFactory(owner=user, status=EntryStatus.SUBMITTED)

    many = query_count(client, reverse("submissions:entry-list"))

    assert many == few


def test_entry_create_post_starts_draft_and_redirects_to_form(client, category, user):
    client.force_login(user)

    response = client.post(reverse("submissions:entry-create", args=[category.pk]))

    entry = Entry.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url()


def test_entry_create_get_only_asks_to_confirm(client, category, user):
    client.force_login(user)

    response = client.get(reverse("submissions:entry-create", args=[category.pk]))

    assert response.status_code == 200
    assert Entry.objects.count() == 0


def test_entry_create_at_limit_sends_to_existing_entry(client, category, entry):
    client.force_login(entry.owner)

    response = client.post(reverse("submissions:entry-create", args=[category.pk]))

    assert response["Location"] == entry.get_absolute_url()
    assert Entry.objects.count() == 1


def test_category_page_offers_start_button_while_open(client, category):
    response = client.get(category.get_absolute_url())

    assert reverse("submissions:entry-create", args=[category.pk]) in response.content.decode()


def test_entry_edit_renders_questions_in_order_with_answers(owner_client, category, entry):
    second = QuestionFactory(category=category, position=2, label_en="Who is it for?")
    first = QuestionFactory(
        category=category, position=1, kind=QuestionKind.LONG_TEXT, label_en="What is it?"
    )
    AnswerFactory(entry=entry, question=second, value="Everyone")

    response = owner_client.get(entry.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("What is it?") < content.index("Who is it for?")
    assert 'value="Everyone"' in content
    assert f'id="question-{first.pk}"' in content
    assert 'hx-post="' + entry_url("entry-autosave", entry) + '"' in content


def test_entry_edit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.get(entry.get_absolute_url()).status_code == 404
    assert (
        client.post(entry_url("entry-autosave", entry), entry_form_data(entry)).status_code == 404
    )


def test_entry_edit_team_member_has_same_rights(client, entry, user):
    TeamMemberFactory(entry=entry, user=user)
    client.force_login(user)

    response = client.post(
        entry.get_absolute_url(), entry_form_data(entry, title="By a co-applicant")
    )

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.title == "By a co-applicant"


def test_entry_edit_post_without_javascript_saves_and_redirects(owner_client, category, entry):
    question = QuestionFactory(category=category)

    response = owner_client.post(
        entry.get_absolute_url(), entry_form_data(entry, **{f"q_{question.pk}": "Typed"})
    )

    assert response.status_code == 302
    assert Answer.objects.get(entry=entry, question=question).value == "Typed"


def test_entry_edit_review_button_saves_then_opens_review(owner_client, entry):
    response = owner_client.post(entry.get_absolute_url(), entry_form_data(entry, review="1"))

    assert response["Location"] == entry_url("entry-review", entry)


def test_entry_edit_ignores_posted_status_owner_reference_and_category(owner_client, entry, user):
    other_category = CategoryFactory()

    owner_client.post(
        entry.get_absolute_url(),
        entry_form_data(
            entry,
            title="New title",
            status="submitted",
            owner=user.pk,
            reference="FSA-2026-IDEA-9999",
            category=other_category.pk,
            number=9999,
        ),
    )

    entry.refresh_from_db()
    assert (entry.title, entry.status, entry.owner_id, entry.reference, entry.category_id) == (
        "New title",
        EntryStatus.DRAFT,
        entry.owner_id,
        None,
        entry.category_id,
    )
    assert entry.owner != user


def test_entry_edit_with_check_marks_problems_next_to_fields(owner_client, category, entry):
    question = QuestionFactory(category=category, required=True)

    response = owner_client.get(entry.get_absolute_url() + "?check=1")

    content = response.content.decode()
    assert f'id="problem-question-{question.pk}"' in content
    assert 'aria-invalid="true"' in content


def test_entry_edit_query_count_does_not_grow_with_questions(owner_client, category, entry):
    def add_questions(count):
        for _ in range(count):
            question = QuestionFactory(category=category)
            AnswerFactory(entry=entry, question=question)
            QuestionFactory(category=category, kind=QuestionKind.FILE)

    add_questions(2)
    few = query_count(owner_client, entry.get_absolute_url() + "?check=1")
    add_questions(8)

    many = query_count(owner_client, entry.get_absolute_url() + "?check=1")

    assert many == few


def test_entry_edit_of_withdrawn_entry_redirects_to_review(owner_client, entry):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    response = owner_client.get(entry.get_absolute_url())

    assert response["Location"] == entry_url("entry-review", entry)


def test_entry_autosave_saves_and_returns_time_and_new_revision(owner_client, category, entry):
    question = QuestionFactory(category=category, kind=QuestionKind.NUMBER)

    response = owner_client.post(
        entry_url("entry-autosave", entry),
        entry_form_data(entry, **{f"q_{question.pk}": "abc"}),
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in content
    assert 'name="revision" value="1" id="id_revision" hx-swap-oob="true"' in content
    assert Answer.objects.get(entry=entry, question=question).value == "abc"


def test_entry_autosave_on_older_revision_is_refused_with_409(owner_client, entry):
    owner_client.post(entry_url("entry-autosave", entry), entry_form_data(entry, title="Tab one"))

    response = owner_client.post(
        entry_url("entry-autosave", entry), entry_form_data(entry, title="Tab two", revision=0)
    )

    entry.refresh_from_db()
    assert response.status_code == 409
    assert response["X-Autosave"] == "1"
    assert "saved somewhere else" in response.content.decode()
    assert entry.title == "Tab one"


def test_entry_autosave_signed_out_answers_401_not_a_redirect(client, entry):
    response = client.post(
        entry_url("entry-autosave", entry), entry_form_data(entry, title="Lost?")
    )

    assert response.status_code == 401
    assert "signed out" in response.content.decode()


def test_entry_autosave_needs_post(owner_client, entry):
    assert owner_client.get(entry_url("entry-autosave", entry)).status_code == 405


def test_entry_autosave_needs_csrf_token(entry):

    client = Client(enforce_csrf_checks=True)
    client.force_login(entry.owner)

    response = client.post(
        entry_url("entry-autosave", entry), entry_form_data(entry, title="Forged")
    )

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.title == "Turn UP"


def test_entry_autosave_of_submitted_entry_after_deadline_refused(owner_client, entry):
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    entry.category.call_closes_at = timezone.now() - dt.timedelta(minutes=1)
    entry.category.save()

    response = owner_client.post(
        entry_url("entry-autosave", entry), entry_form_data(entry, title="Late")
    )

    assert response.status_code == 403
    assert "deadline has passed" in response.content.decode()


def test_entry_withdraw_post_withdraws(owner_client, entry):
    response = owner_client.post(entry_url("entry-withdraw", entry))

    entry.refresh_from_db()
    assert response["Location"] == reverse("submissions:entry-list")
    assert entry.status == EntryStatus.WITHDRAWN


def test_entry_withdraw_get_only_asks(owner_client, entry):
    response = owner_client.get(entry_url("entry-withdraw", entry))

    entry.refresh_from_db()
    assert (response.status_code, entry.status) == (200, EntryStatus.DRAFT)


def test_entry_withdraw_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.post(entry_url("entry-withdraw", entry)).status_code == 404


def test_navbar_links_my_entries_for_signed_in_users(client, user):
    client.force_login(user)

    response = client.get(reverse("home"))

    assert reverse("submissions:entry-list") in response.content.decode()


def test_swedish_my_entries_page(client, entry):
    client.force_login(entry.owner)

    response = client.get("/sv" + reverse("submissions:entry-list"))

    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


def test_entry_edit_conflict_without_javascript_keeps_text_and_second_save_wins(
    owner_client, entry
):
    owner_client.post(entry_url("entry-autosave", entry), entry_form_data(entry, title="Other tab"))

    conflict = owner_client.post(entry.get_absolute_url(), entry_form_data(entry, title="This tab"))
    again = owner_client.post(
        entry.get_absolute_url(), entry_form_data(entry, title="This tab", revision=1)
    )

    entry.refresh_from_db()
    assert conflict.status_code == 200
    assert 'value="This tab"' in conflict.content.decode()
    assert conflict.context["form"]["revision"].value() == 1
    assert (again.status_code, entry.title) == (302, "This tab")


def test_entry_edit_links_to_the_move_only_when_another_category_is_open(client, entry, edition):
    client.force_login(entry.owner)
    edit_url = reverse("submissions:entry-edit", kwargs={"pk": entry.pk})

    alone = client.get(edit_url).content.decode()
    CategoryFactory(edition=edition)
    with_another = client.get(edit_url).content.decode()

    assert _move_url(entry) not in alone
    assert _move_url(entry) in with_another
