import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from submissions.enums import EntryStatus, QuestionKind, TeamRole
from submissions.models import Answer, Entry, EntryVersion, TeamMember
from submissions.services.entries import entry_submit
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EntryFactory,
    QuestionFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return CategoryFactory(
        code="IDEA", edition__year=2026, edition__award__code="FSA", edition__award__slug="fsa"
    )


@pytest.fixture
def entry(category):
    return EntryFactory(category=category, title="Turn UP", pitch="Music for all.")


@pytest.fixture
def owner_client(client, entry):
    client.force_login(entry.owner)
    return client


def _url(name, entry, **kwargs):
    return reverse(f"submissions:{name}", kwargs={"pk": entry.pk, **kwargs})


def _post_data(entry, **fields):
    data = {
        "title": entry.title,
        "pitch": entry.pitch,
        "organisation": entry.organisation,
        "revision": entry.revision,
    }
    data.update(fields)
    return data


# My entries


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


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_entry_list_query_count_does_not_grow_with_entries(client, user):
    client.force_login(user)
    EntryFactory(owner=user)
    few = _queries(client, reverse("submissions:entry-list"))
    for _ in range(5):
        EntryFactory(owner=user, status=EntryStatus.SUBMITTED)

    many = _queries(client, reverse("submissions:entry-list"))

    assert many == few


# Starting an entry


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


# Editing


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
    assert 'hx-post="' + _url("entry-autosave", entry) + '"' in content


def test_entry_edit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.get(entry.get_absolute_url()).status_code == 404
    assert client.post(_url("entry-autosave", entry), _post_data(entry)).status_code == 404


def test_entry_edit_team_member_has_same_rights(client, entry, user):
    TeamMemberFactory(entry=entry, user=user)
    client.force_login(user)

    response = client.post(entry.get_absolute_url(), _post_data(entry, title="By a co-applicant"))

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.title == "By a co-applicant"


def test_entry_edit_post_without_javascript_saves_and_redirects(owner_client, category, entry):
    question = QuestionFactory(category=category)

    response = owner_client.post(
        entry.get_absolute_url(), _post_data(entry, **{f"q_{question.pk}": "Typed"})
    )

    assert response.status_code == 302
    assert Answer.objects.get(entry=entry, question=question).value == "Typed"


def test_entry_edit_review_button_saves_then_opens_review(owner_client, entry):
    response = owner_client.post(entry.get_absolute_url(), _post_data(entry, review="1"))

    assert response["Location"] == _url("entry-review", entry)


def test_entry_edit_ignores_posted_status_owner_reference_and_category(owner_client, entry, user):
    other_category = CategoryFactory()

    owner_client.post(
        entry.get_absolute_url(),
        _post_data(
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
    few = _queries(owner_client, entry.get_absolute_url() + "?check=1")
    add_questions(8)

    many = _queries(owner_client, entry.get_absolute_url() + "?check=1")

    assert many == few


def test_entry_edit_of_withdrawn_entry_redirects_to_review(owner_client, entry):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    response = owner_client.get(entry.get_absolute_url())

    assert response["Location"] == _url("entry-review", entry)


# Autosave


def test_entry_autosave_saves_and_returns_time_and_new_revision(owner_client, category, entry):
    question = QuestionFactory(category=category, kind=QuestionKind.NUMBER)

    response = owner_client.post(
        _url("entry-autosave", entry),
        _post_data(entry, **{f"q_{question.pk}": "abc"}),
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in content
    assert 'name="revision" value="1" id="id_revision" hx-swap-oob="true"' in content
    assert Answer.objects.get(entry=entry, question=question).value == "abc"


def test_entry_autosave_on_older_revision_is_refused_with_409(owner_client, entry):
    owner_client.post(_url("entry-autosave", entry), _post_data(entry, title="Tab one"))

    response = owner_client.post(
        _url("entry-autosave", entry), _post_data(entry, title="Tab two", revision=0)
    )

    entry.refresh_from_db()
    assert response.status_code == 409
    assert response["X-Autosave"] == "1"
    assert "saved somewhere else" in response.content.decode()
    assert entry.title == "Tab one"


def test_entry_autosave_signed_out_answers_401_not_a_redirect(client, entry):
    response = client.post(_url("entry-autosave", entry), _post_data(entry, title="Lost?"))

    assert response.status_code == 401
    assert "signed out" in response.content.decode()


def test_entry_autosave_needs_post(owner_client, entry):
    assert owner_client.get(_url("entry-autosave", entry)).status_code == 405


def test_entry_autosave_needs_csrf_token(entry):
    from tests.clients import LaurelClient as Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(entry.owner)

    response = client.post(_url("entry-autosave", entry), _post_data(entry, title="Forged"))

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.title == "Turn UP"


def test_entry_autosave_of_submitted_entry_after_deadline_refused(owner_client, entry):
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    entry.category.call_closes_at = timezone.now() - dt.timedelta(minutes=1)
    entry.category.save()

    response = owner_client.post(_url("entry-autosave", entry), _post_data(entry, title="Late"))

    assert response.status_code == 403
    assert "deadline has passed" in response.content.decode()


# Review and submit


def test_entry_review_lists_missing_answers_as_links(owner_client, category, entry):
    question = QuestionFactory(category=category, label_en="Team size", required=True)

    response = owner_client.get(_url("entry-review", entry))

    link = f'href="{entry.get_absolute_url()}?check=1#question-{question.pk}">Team size</a>'
    assert response.status_code == 200
    assert link in response.content.decode()
    assert response.context["can_submit"] is False


def test_entry_review_of_complete_entry_offers_submit(owner_client, entry):
    response = owner_client.get(_url("entry-review", entry))

    assert response.context["can_submit"] is True
    assert _url("entry-submit", entry) in response.content.decode()


def test_entry_review_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.get(_url("entry-review", entry)).status_code == 404


def test_entry_review_query_count_does_not_grow_with_answers(owner_client, category, entry):
    def add_questions(count):
        for _ in range(count):
            AnswerFactory(entry=entry, question=QuestionFactory(category=category))

    add_questions(2)
    few = _queries(owner_client, _url("entry-review", entry))
    add_questions(8)

    many = _queries(owner_client, _url("entry-review", entry))

    assert many == few


def test_entry_submit_redirects_to_confirmation_with_reference(
    owner_client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            _url("entry-submit", entry), {"revision": entry.revision}, follow=True
        )

    content = response.content.decode()
    assert response.redirect_chain == [(_url("entry-confirmation", entry), 302)]
    assert "FSA-2026-IDEA-0001" in content
    assert len(mail.outbox) == 1


def test_entry_submit_twice_yields_one_version(owner_client, entry):
    owner_client.post(_url("entry-submit", entry), {"revision": entry.revision})

    owner_client.post(_url("entry-submit", entry), {"revision": entry.revision})

    assert EntryVersion.objects.filter(entry=entry).count() == 1


def test_entry_submit_needs_post(owner_client, entry):
    assert owner_client.get(_url("entry-submit", entry)).status_code == 405


def test_entry_submit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    response = client.post(_url("entry-submit", entry))

    assert response.status_code == 404
    assert entry.versions.count() == 0


def test_entry_submit_after_deadline_shows_clear_message_and_keeps_draft(owner_client, entry):
    entry.category.call_closes_at = timezone.now() - dt.timedelta(seconds=1)
    entry.category.save()

    response = owner_client.post(_url("entry-submit", entry), follow=True)

    entry.refresh_from_db()
    assert "has passed, so the entry cannot be submitted" in response.content.decode()
    assert (entry.status, entry.title) == (EntryStatus.DRAFT, "Turn UP")


def test_entry_confirmation_of_draft_redirects_to_review(owner_client, entry):
    response = owner_client.get(_url("entry-confirmation", entry))

    assert response["Location"] == _url("entry-review", entry)


# Versions


def test_version_list_and_detail_show_submitted_versions(owner_client, entry):
    entry_submit(entry=entry, user=entry.owner)

    listing = owner_client.get(_url("version-list", entry))
    detail = owner_client.get(_url("version-detail", entry, number=1))

    assert [v.number for v in listing.context["versions"]] == [1]
    assert "Turn UP" in detail.content.decode()


def test_version_detail_of_other_entry_or_unknown_number_is_404(client, entry, user):
    entry_submit(entry=entry, user=entry.owner)
    own = EntryFactory(owner=user)
    client.force_login(user)

    assert client.get(_url("version-detail", entry, number=1)).status_code == 404
    assert client.get(_url("version-detail", own, number=1)).status_code == 404


# Withdraw


def test_entry_withdraw_post_withdraws(owner_client, entry):
    response = owner_client.post(_url("entry-withdraw", entry))

    entry.refresh_from_db()
    assert response["Location"] == reverse("submissions:entry-list")
    assert entry.status == EntryStatus.WITHDRAWN


def test_entry_withdraw_get_only_asks(owner_client, entry):
    response = owner_client.get(_url("entry-withdraw", entry))

    entry.refresh_from_db()
    assert (response.status_code, entry.status) == (200, EntryStatus.DRAFT)


def test_entry_withdraw_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.post(_url("entry-withdraw", entry)).status_code == 404


# Team


def test_team_edit_invites_by_email_with_absolute_link(
    owner_client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(_url("team-edit", entry), {"email": "sally@example.org"})

    invitation = entry.invitations.get()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["sally@example.org"]]
    assert f"http://testserver/entries/join/{invitation.token}/" in mail.outbox[0].body


def test_team_edit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.post(_url("team-edit", entry), {"email": "x@example.org"}).status_code == 404
    assert entry.invitations.count() == 0


def test_invitation_accept_with_other_address_joins_team(client, entry):
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    sally = UserFactory(email="sally@private.example")
    client.force_login(sally)

    page = client.get(reverse("submissions:invitation-accept", args=[invitation.token]))
    response = client.post(reverse("submissions:invitation-accept", args=[invitation.token]))

    assert page.status_code == 200
    assert response["Location"] == entry.get_absolute_url()
    assert TeamMember.objects.get(entry=entry, user=sally).role == TeamRole.MEMBER
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_invitation_accept_unknown_token_is_404(client, user):
    client.force_login(user)

    response = client.get(reverse("submissions:invitation-accept", args=["not-a-token"]))

    assert response.status_code == 404


def test_invitation_accept_needs_sign_in(client, entry):
    invitation = TeamInvitationFactory(entry=entry)

    response = client.post(reverse("submissions:invitation-accept", args=[invitation.token]))

    assert response.status_code == 302
    assert TeamMember.objects.filter(entry=entry).count() == 1


def test_navbar_links_my_entries_for_signed_in_users(client, user):
    client.force_login(user)

    response = client.get(reverse("home"))

    assert reverse("submissions:entry-list") in response.content.decode()


def test_swedish_my_entries_page(client, entry):
    client.force_login(entry.owner)

    response = client.get("/sv" + reverse("submissions:entry-list"))

    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


def test_submitted_entry_edited_before_deadline_offers_new_version(owner_client, entry):
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    owner_client.post(_url("entry-autosave", entry), _post_data(entry, title="Turn UP, again"))

    review = owner_client.get(_url("entry-review", entry))
    owner_client.post(_url("entry-submit", entry), {"revision": review.context["entry"].revision})

    assert review.context["can_submit"] is True
    assert list(entry.versions.values_list("number", flat=True)) == [2, 1]


def test_category_admin_edits_questions_inline(client, category, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    QuestionFactory(category=category, label_en="Describe the idea")

    response = client.get(reverse("admin:awards_category_change", args=[category.pk]))

    assert response.status_code == 200
    assert "Describe the idea" in response.content.decode()
    assert "questions-TOTAL_FORMS" in response.content.decode()


@pytest.mark.parametrize("name", ["entry-confirmation", "version-list", "team-edit", "entry-edit"])
def test_entry_pages_of_someone_elses_entry_are_404(client, entry, user, name):
    entry_submit(entry=entry, user=entry.owner)
    client.force_login(user)

    assert client.get(_url(name, entry)).status_code == 404


def test_invitee_signing_up_with_another_address_comes_back_to_join(client, entry):
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    join = reverse("submissions:invitation-accept", args=[invitation.token])
    password = "Turn-UP-music-2026!"
    client.post(
        reverse("account_signup"),
        {"email": "sally@home.example", "password1": password, "password2": password, "next": join},
    )
    confirm = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)

    response = client.post(confirm)
    client.post(join)

    assert response["Location"] == join
    assert TeamMember.objects.filter(entry=entry, user__email="sally@home.example").exists()


def test_entry_edit_conflict_without_javascript_keeps_text_and_second_save_wins(
    owner_client, entry
):
    owner_client.post(_url("entry-autosave", entry), _post_data(entry, title="Other tab"))

    conflict = owner_client.post(entry.get_absolute_url(), _post_data(entry, title="This tab"))
    again = owner_client.post(
        entry.get_absolute_url(), _post_data(entry, title="This tab", revision=1)
    )

    entry.refresh_from_db()
    assert conflict.status_code == 200
    assert 'value="This tab"' in conflict.content.decode()
    assert conflict.context["form"]["revision"].value() == 1
    assert (again.status_code, entry.title) == (302, "This tab")
