"""The organiser's outbox: emails about their own awards' entries and jury only."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests.factories import AssignmentFactory, EntryFactory, JuryMemberFactory, RoundFactory
from tests.queries import session_queries
from tests.submissions.samples import organiser

pytestmark = pytest.mark.django_db
URL = reverse("console:outbox")


def _email(to, related=None, state="failed"):
    return OutgoingEmail.objects.create(
        to=to,
        from_email="noreply@example.org",
        subject=f"About {to}",
        body="…",
        state=state,
        attempts=1,
        last_error="550 5.1.1 no such mailbox" if state == "failed" else "",
        related=related,
    )


def _outbox_organiser(award):
    user = organiser("view_entry", award=award)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="outbox"))
    return user


def test_an_organiser_sees_their_awards_emails_and_no_other(client):
    entry, elsewhere = EntryFactory(), EntryFactory()
    seat = JuryMemberFactory(category=entry.category)
    assignment = AssignmentFactory(entry=entry, round=RoundFactory(category=entry.category))
    _email("entrant@example.org", related=entry)
    _email("judge@example.org", related=seat, state="sent")
    _email("reviewer@example.org", related=assignment)
    _email("other@example.org", related=elsewhere)
    _email("nobody@example.org")
    client.force_login(_outbox_organiser(entry.category.edition.award), mfa=True)

    response = client.get(URL)

    shown = sorted(email.to for email in response.context["page"].object_list)
    assert shown == ["entrant@example.org", "judge@example.org", "reviewer@example.org"]
    assert response.context["counts"]["failed"] == 2
    assert response.text.count("Send again") == 2


def test_the_organisers_outbox_filters_by_state(client):
    entry = EntryFactory()
    _email("failed@example.org", related=entry)
    _email("sent@example.org", related=entry, state="sent")
    client.force_login(_outbox_organiser(entry.category.edition.award), mfa=True)

    response = client.get(URL, {"state": "sent"})

    assert [email.to for email in response.context["page"].object_list] == ["sent@example.org"]


def test_the_organisers_outbox_keeps_its_query_count(client):
    entry = EntryFactory()
    client.force_login(_outbox_organiser(entry.category.edition.award), mfa=True)
    _email("first@example.org", related=entry)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(20):
        _email(f"person{n}@example.org", related=entry)

    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    # User, the award's organisers and the page's reads; permissions come from the cache.
    assert len(one) == len(many) == 4 + session_queries()


def test_the_organisers_outbox_is_404_without_the_outbox_permission(client):
    entry = EntryFactory()
    client.force_login(organiser("view_entry", award=entry.category.edition.award), mfa=True)

    assert client.get(URL).status_code == 404
