"""The entrant's move page."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from submissions.models import Entry
from submissions.services.entries import entry_submit
from tests.factories import (
    CategoryFactory,
    RoundEntryFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _move_url(entry):
    return reverse("submissions:entry-move", kwargs={"pk": entry.pk})


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
