import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from deliberation.models import Message
from judging.enums import Visibility
from tests.deliberation.conftest import panel_build
from tests.judging.builders import assign

pytestmark = pytest.mark.django_db


def url(panel):
    return reverse(
        "deliberation:discussion-detail",
        kwargs={"round_id": panel.round.pk, "entry_id": panel.entry.pk},
    )


def test_judge_posts_and_reads_colleagues_after_submitting(client, panel):
    panel.submit(panel.first_assignment)
    panel.submit(panel.second_assignment)
    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.second, body="Hi")
    client.force_login(panel.first, mfa=True)

    response = client.post(url(panel), {"body": "A clear market."})
    page = client.get(url(panel)).content.decode()

    assert response.status_code == 302
    assert Message.objects.filter(author=panel.first).get().body == "A clear market."
    assert "Judge B" in page and "A clear market." in page and "Hi" in page
    assert "Bo Judge" not in page and "Sally Sow" not in page


def test_page_says_why_colleagues_are_hidden(client, panel):
    body = "The market is smaller than they say."
    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.second, body=body)
    client.force_login(panel.first, mfa=True)

    page = client.get(url(panel)).content.decode()

    assert "once you have submitted your review" in page
    assert body not in page


def test_empty_message_is_refused(client, panel):
    client.force_login(panel.first, mfa=True)

    response = client.post(url(panel), {"body": "  "})

    assert response.status_code == 422
    assert Message.objects.count() == 0


def test_conflicted_unassigned_and_removed_judges_get_404(client, panel):
    panel.first.jury_memberships.update(active=False)
    statuses = []
    for user in (panel.conflicted, panel.unassigned, panel.first):
        client.force_login(user, mfa=True)
        statuses.append(client.get(url(panel)).status_code)
        statuses.append(client.post(url(panel), {"body": "x"}).status_code)

    assert statuses == [404] * 6
    assert Message.objects.count() == 0


def test_htmx_post_answers_the_page_to_swap(client, panel):
    client.force_login(panel.chair, mfa=True)

    response = client.post(
        url(panel), {"body": "Note to self", "chair_note": "on"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'id="discussion"' in response.content.decode()
    assert Message.objects.get().kind == "chair_note"


def test_edit_and_withdraw_own_message(client, panel):
    message = Message.objects.create(
        round=panel.round, entry=panel.entry, author=panel.first, body="Typo"
    )
    client.force_login(panel.first, mfa=True)
    edit_url = reverse("deliberation:message-edit", kwargs={"pk": message.pk})

    form = client.get(edit_url)
    edited = client.post(edit_url, {"body": "Fixed"})
    withdrawn = client.post(reverse("deliberation:message-withdraw", kwargs={"pk": message.pk}))
    message.refresh_from_db()

    assert (form.status_code, edited.status_code, withdrawn.status_code) == (200, 302, 302)
    assert (message.body, message.withdrawn_at is not None) == ("Fixed", True)
    assert AuditEvent.objects.filter(action__startswith="discussion.").count() == 2


def test_others_message_cannot_be_edited(client, panel):
    message = Message.objects.create(
        round=panel.round, entry=panel.entry, author=panel.first, body="Mine"
    )
    client.force_login(panel.chair, mfa=True)

    response = client.post(
        reverse("deliberation:message-edit", kwargs={"pk": message.pk}), {"body": "No"}
    )

    assert response.status_code == 404


def _queries(client, user, path):
    client.force_login(user, mfa=True)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _grow_discussion(panel, n):
    parent = None
    for index in range(n):
        author = panel.first if index % 2 else panel.second
        parent = Message.objects.create(
            round=panel.round,
            entry=panel.entry,
            author=author,
            body=f"m{index}",
            parent=parent if index % 3 else None,
        )


def test_discussion_queries_do_not_grow_with_messages(client):
    small, large = panel_build(visibility=Visibility.AFTER_OWN_REVIEW), panel_build()
    for panel in (small, large):
        panel.submit(panel.first_assignment)
    _grow_discussion(small, 2)
    _grow_discussion(large, 30)

    assert _queries(client, small.first, url(small)) == _queries(client, large.first, url(large))
    assert _queries(client, small.chair, url(small)) == _queries(client, large.chair, url(large))


def test_round_list_queries_do_not_grow_with_entries(client):
    small, large = panel_build(), panel_build()
    for index in range(12):
        assign(round=large.round, judge=large.first, title=f"Idea {index}")
    _grow_discussion(large, 10)

    def path(panel):
        return reverse("deliberation:round-discussions", kwargs={"round_id": panel.round.pk})

    assert _queries(client, small.first, path(small)) == _queries(client, large.first, path(large))
    assert _queries(client, small.chair, path(small)) == _queries(client, large.chair, path(large))


def test_dashboard_shows_unread_counts(client, panel):
    panel.submit(panel.second_assignment)
    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.first, body="Hi")
    client.force_login(panel.second, mfa=True)

    page = client.get(reverse("judging:dashboard")).content.decode()
    client.get(url(panel))
    after = client.get(reverse("judging:dashboard")).content.decode()

    assert "1 unread message" in page
    assert "unread message" not in after


def test_dashboard_shows_a_message_posted_after_it_was_cached(client, panel):
    panel.submit(panel.second_assignment)
    client.force_login(panel.second, mfa=True)
    before = client.get(reverse("judging:dashboard")).content.decode()

    Message.objects.create(round=panel.round, entry=panel.entry, author=panel.first, body="Hi")
    after = client.get(reverse("judging:dashboard")).content.decode()

    assert "unread message" not in before
    assert "1 unread message" in after


def test_dashboard_forgets_a_withdrawn_message(client, panel):
    panel.submit(panel.second_assignment)
    message = Message.objects.create(
        round=panel.round, entry=panel.entry, author=panel.first, body="Hi"
    )
    client.force_login(panel.second, mfa=True)
    before = client.get(reverse("judging:dashboard")).content.decode()

    Message.objects.filter(pk=message.pk).update(withdrawn_at=message.created_at)
    after = client.get(reverse("judging:dashboard")).content.decode()

    assert "1 unread message" in before
    assert "unread message" not in after
