"""Organiser pages: entry list, detail, eligibility, moving an entry, CSV export and audit log."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record
from submissions.enums import Eligibility, EntryStatus
from submissions.models import Entry
from submissions.services.attachments import attachment_add
from tests.clients import LaurelClient as Client
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EditionFactory,
    EntryFactory,
    JuryMemberFactory,
    QuestionFactory,
    RoundEntryFactory,
    RoundFactory,
    UserFactory,
)
from tests.submissions.samples import PDF, file_question, organiser, upload

pytestmark = pytest.mark.django_db

# In the award the `viewer` and `editor` organise (the `edition` fixture's).
FSA = {"edition__award__slug": "fsa"}


@pytest.fixture
def viewer(client, edition):
    user = organiser("view_entry", award=edition.award)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, edition):
    user = organiser("view_entry", "change_entry", award=edition.award)
    client.force_login(user)
    return user


def _list_url(edition, **query):
    url = reverse("submissions:organiser-entry-list", args=[edition.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _titles(response):
    return [entry.title for entry in response.context["page"].object_list]


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def _move_url(entry):
    return reverse("submissions:organiser-entry-move", kwargs={"pk": entry.pk})


def _detail_url(entry):
    return reverse("submissions:organiser-entry-detail", kwargs={"pk": entry.pk})


def test_entry_list_shows_the_editions_entries_only(client, viewer):
    category = CategoryFactory(**FSA)
    EntryFactory(category=category, title="Turn UP")
    EntryFactory(title="Elsewhere")

    response = client.get(_list_url(category.edition))

    assert response.status_code == 200
    assert _titles(response) == ["Turn UP"]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"q": "turn"}, ["Turn UP"]),
        ({"q": "sally"}, ["Turn UP"]),
        ({"q": "FSA-2026"}, ["Turn UP"]),
        ({"q": "karolinska"}, ["Labs"]),
        ({"status": "submitted"}, ["Turn UP"]),
        ({"eligibility": "ineligible"}, ["Labs"]),
    ],
)
def test_entry_list_search_and_filters(client, viewer, query, titles):
    category = CategoryFactory(**FSA)
    EntryFactory(
        category=category,
        title="Turn UP",
        reference="FSA-2026-IDEA-0001",
        status=EntryStatus.SUBMITTED,
        owner=UserFactory(display_name="Sally Sow", email="sally@turnup.se"),
    )
    EntryFactory(
        category=category,
        title="Labs",
        organisation="Karolinska Institutet",
        eligibility=Eligibility.INELIGIBLE,
    )

    response = client.get(_list_url(category.edition, **query))

    assert _titles(response) == titles


def test_entry_list_filters_by_category(client, viewer):
    category = CategoryFactory(**FSA)
    other = CategoryFactory(edition=category.edition)
    EntryFactory(category=category, title="A")
    EntryFactory(category=other, title="B")

    response = client.get(_list_url(category.edition, category=other.pk))

    assert _titles(response) == ["B"]


def test_entry_list_is_404_for_entrants_and_staff_without_permission(client):
    edition = EditionFactory()
    client.force_login(UserFactory())
    entrant = client.get(_list_url(edition)).status_code
    client.force_login(organiser())
    staff = client.get(_list_url(edition)).status_code

    assert (entrant, staff) == (404, 404)


def test_entry_list_queries_do_not_grow_with_entries(client, viewer):
    def count(entries: int) -> int:
        category = CategoryFactory(**FSA)
        question = QuestionFactory(category=category)
        for entry in EntryFactory.create_batch(entries, category=category):
            AnswerFactory(entry=entry, question=question)
        client.get(_list_url(category.edition))  # the viewer's permissions into the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_list_url(category.edition)).status_code == 200
        return len(queries)

    assert count(2) == count(12)


def test_entry_detail_shows_answers_team_files_and_history(client, viewer):
    entry = EntryFactory(category__edition__award__slug="fsa", title="Turn UP")
    AnswerFactory(entry=entry, question=QuestionFactory(category=entry.category), value="Music")
    question = file_question(entry)
    attachment = attachment_add(
        entry=entry, question=question, uploaded_file=upload("plan.pdf", PDF), user=entry.owner
    )

    response = client.get(reverse("submissions:organiser-entry-detail", args=[entry.pk]))

    assert response.status_code == 200
    text = response.text
    assert "Music" in text
    assert entry.owner.email in text
    assert reverse("submissions:attachment-download", args=[attachment.pk]) in text
    assert "File added" in text  # the audit history, in words
    assert "Save eligibility" not in text  # viewing only: no change permission


def test_entry_detail_queries_do_not_grow_with_answers(client, viewer):
    def count(answers: int) -> int:
        entry = EntryFactory(category__edition__award__slug="fsa")
        for _ in range(answers):
            AnswerFactory(entry=entry, question=QuestionFactory(category=entry.category))
            audit_record(actor=viewer, action="entry.edit", target=entry)
        client.get(reverse("submissions:organiser-entry-detail", args=[entry.pk]))  # warm
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("submissions:organiser-entry-detail", args=[entry.pk]))
        return len(queries)

    assert count(1) == count(8)


def test_entry_detail_is_404_for_the_entrant(client):
    entry = EntryFactory()
    client.force_login(entry.owner)

    response = client.get(reverse("submissions:organiser-entry-detail", args=[entry.pk]))

    assert response.status_code == 404


def test_mark_ineligible_records_reason_and_audit_event(client, editor):
    entry = EntryFactory(category__edition__award__slug="fsa")

    response = client.post(
        reverse("submissions:organiser-entry-eligibility", args=[entry.pk]),
        {"eligibility": "ineligible", "reason": "Not based in Flemingsberg."},
    )

    entry.refresh_from_db()
    event = AuditEvent.objects.get(action="entry.eligibility")
    assert response.status_code == 302
    assert (entry.eligibility, entry.ineligible_reason) == (
        Eligibility.INELIGIBLE,
        "Not based in Flemingsberg.",
    )
    assert (event.actor, event.data) == (
        editor,
        {"from": "unchecked", "to": "ineligible", "reason": "Not based in Flemingsberg."},
    )


def test_mark_ineligible_without_reason_shows_error_next_to_field(client, editor):
    entry = EntryFactory(category__edition__award__slug="fsa")

    response = client.post(
        reverse("submissions:organiser-entry-eligibility", args=[entry.pk]),
        {"eligibility": "ineligible", "reason": "  "},
    )

    entry.refresh_from_db()
    assert response.status_code == 400
    assert response.context["eligibility_form"].errors == {
        "reason": ["Give the reason the entry is ineligible."]
    }
    assert entry.eligibility == Eligibility.UNCHECKED


def test_mark_eligible_clears_the_reason(client, editor):
    entry = EntryFactory(
        category__edition__award__slug="fsa",
        eligibility=Eligibility.INELIGIBLE,
        ineligible_reason="Old",
    )

    client.post(
        reverse("submissions:organiser-entry-eligibility", args=[entry.pk]),
        {"eligibility": "eligible", "reason": ""},
    )

    entry.refresh_from_db()
    assert (entry.eligibility, entry.ineligible_reason) == (Eligibility.ELIGIBLE, "")


def test_eligibility_needs_change_permission(client, viewer):
    entry = EntryFactory(category__edition__award__slug="fsa")

    response = client.post(
        reverse("submissions:organiser-entry-eligibility", args=[entry.pk]),
        {"eligibility": "ineligible", "reason": "x"},
    )

    assert response.status_code == 404
    assert Entry.objects.get().eligibility == Eligibility.UNCHECKED


def test_export_has_one_row_per_entry_one_column_per_question_neutralised(client, viewer):
    category = CategoryFactory(code="IDEA", **FSA)
    question = QuestionFactory(category=category, label_en="Your idea")
    entry = EntryFactory(
        category=category,
        title='=HYPERLINK("http://evil")',
        reference="FSA-2026-IDEA-0001",
        owner=UserFactory(email="sally@turnup.se", display_name="Sally Sow"),
    )
    AnswerFactory(entry=entry, question=question, value=["@music", "inclusion"])
    files = file_question(entry, label_en="Business plan")
    attachment_add(
        entry=entry, question=files, uploaded_file=upload("plan.pdf", PDF), user=entry.owner
    )

    response = client.get(reverse("submissions:organiser-entry-export", args=[category.edition.pk]))

    rows = _csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="entries-')
    assert rows[0][-3:] == ["Short pitch", "Your idea", "Business plan"]
    assert len(rows) == 2
    assert rows[1][:3] == ["FSA-2026-IDEA-0001", "IDEA", '\'=HYPERLINK("http://evil")']
    assert rows[1][6:8] == ["sally@turnup.se", "Sally Sow"]
    assert rows[1][-2:] == ["'@music; inclusion", "plan.pdf"]


def test_export_queries_do_not_grow_with_entries(client, viewer):
    def count(entries: int) -> int:
        category = CategoryFactory(**FSA)
        question = QuestionFactory(category=category)
        for entry in EntryFactory.create_batch(entries, category=category):
            AnswerFactory(entry=entry, question=question)
        client.get(reverse("submissions:organiser-entry-list", args=[category.edition.pk]))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("submissions:organiser-entry-export", args=[category.edition.pk])
            )
            assert len(_csv(response)) == entries + 1
        return len(queries)

    assert count(2) == count(12)


def test_export_is_404_for_entrants(client, user):
    client.force_login(user)

    response = client.get(reverse("submissions:organiser-entry-export", args=[EditionFactory().pk]))

    assert response.status_code == 404


def test_audit_log_lists_the_editions_events(client, viewer):
    entry = EntryFactory(category__edition__award__slug="fsa")
    audit_record(
        actor=entry.owner, action="entry.submit", target=entry, edition=entry.category.edition
    )
    audit_record(actor=entry.owner, action="entry.submit", target=EntryFactory())

    response = client.get(
        reverse("submissions:organiser-audit-list", args=[entry.category.edition.pk])
    )

    events = list(response.context["page"].object_list)
    assert response.status_code == 200
    assert [(e.action, e.target_id) for e in events] == [("entry.submit", str(entry.pk))]
    assert entry.owner.email in response.text


def test_audit_log_is_404_for_entrants(client, user):
    client.force_login(user)

    response = client.get(reverse("submissions:organiser-audit-list", args=[EditionFactory().pk]))

    assert response.status_code == 404


def test_edition_list_links_each_edition_of_the_organisers_awards(client, viewer, edition):
    later = EditionFactory(award=edition.award)
    elsewhere = EditionFactory()

    response = client.get(reverse("submissions:organiser-edition-list"))

    assert response.status_code == 200
    assert reverse("submissions:organiser-entry-list", args=[later.pk]) in response.text
    assert reverse("submissions:organiser-entry-list", args=[elsewhere.pk]) not in response.text


def test_eligibility_needs_post_with_csrf(client, editor):
    entry = EntryFactory(category__edition__award__slug="fsa")
    url = reverse("submissions:organiser-entry-eligibility", args=[entry.pk])
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)

    assert client.get(url).status_code == 405
    assert csrf_client.post(url, {"eligibility": "eligible"}).status_code == 403
    assert Entry.objects.get().eligibility == Eligibility.UNCHECKED


# Moving an entry


def test_entry_detail_offers_the_other_categories_of_the_edition(
    client, editor, entry, closed_tech
):
    CategoryFactory(name_en="Elsewhere")

    response = client.get(_detail_url(entry))

    assert response.status_code == 200
    form = response.context["move_form"]
    assert list(form.fields["category"].queryset) == [closed_tech]
    assert f'action="{_move_url(entry)}"' in response.text
    assert 'for="id_move-category"' in response.text
    assert "Technology (TECH)" in response.text
    assert "Elsewhere" not in response.text


def test_entry_detail_hides_the_move_without_change_permission(client, entry, closed_tech):
    client.force_login(organiser("view_entry", award=entry.category.edition.award))

    response = client.get(_detail_url(entry))

    assert response.status_code == 200
    assert _move_url(entry) not in response.text


def test_organiser_entry_move_moves_and_says_so(client, editor, submitted, closed_tech):
    response = client.post(
        _move_url(submitted),
        {"move-category": closed_tech.pk, "move-reason": "It is a technology."},
    )

    assert (response.status_code, response.url) == (302, _detail_url(submitted))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The entry is now in Technology, with the reference FSA-2026-TECH-0001. Its team has "
        "been told by email."
    ]
    submitted.refresh_from_db()
    assert (submitted.category, submitted.reference) == (closed_tech, "FSA-2026-TECH-0001")
    assert AuditEvent.objects.get(action="entry.move").actor == editor


def test_organiser_entry_move_without_a_category_shows_the_error_next_to_the_field(
    client, editor, entry, idea, closed_tech
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
    client, editor, submitted, idea, closed_tech
):
    RoundEntryFactory(round=RoundFactory(category=idea), entry=submitted)

    response = client.post(_move_url(submitted), {"move-category": closed_tech.pk})

    assert response.status_code == 400
    assert response.context["move_form"].non_field_errors() == [
        "This entry is already in a judging round of Idea: the jury's reviews follow that "
        "category's rubric, so it cannot be moved to another category."
    ]
    assert "already in a judging round of Idea" in response.text
    submitted.refresh_from_db()
    assert submitted.category == idea


def test_organiser_entry_move_is_404_for_entrant_judge_and_organiser_without_change(
    client, entry, idea, closed_tech
):
    judge = JuryMemberFactory(category=idea).user
    people = [entry.owner, judge, organiser("view_entry", award=entry.category.edition.award)]

    statuses = []
    for person in people:
        client.force_login(person)
        statuses.append(
            client.post(_move_url(entry), {"move-category": closed_tech.pk}).status_code
        )

    assert statuses == [404, 404, 404]
    entry.refresh_from_db()
    assert entry.category == idea
    assert AuditEvent.objects.filter(action="entry.move").count() == 0


def test_organiser_entry_move_sends_anonymous_visitors_to_sign_in(client, entry, closed_tech):
    response = client.post(_move_url(entry), {"move-category": closed_tech.pk})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
