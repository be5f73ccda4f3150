""" "My entries" is kept rendered, never stale: a change to an entry, or to the person's place on
a team, made after the page was served shows on the next view (`submissions.entry_list_cache`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.enums import EntryStatus
from submissions.services.entries import entry_withdraw
from tests.factories import EntryFactory, TeamMemberFactory, UserFactory
from tests.queries import session_queries

pytestmark = pytest.mark.django_db

URL = reverse("submissions:entry-list")


def test_a_withdrawn_entry_shows_as_withdrawn_on_the_next_view(client, category, user):
    entry = EntryFactory(category=category, owner=user, status=EntryStatus.SUBMITTED)
    client.force_login(user)
    client.get(URL)

    entry_withdraw(entry=entry, user=user)
    body = client.get(URL).content.decode()

    assert "Withdrawn" in body


def test_a_renamed_entry_shows_its_new_title_to_the_whole_team(client, category, user):
    entry = EntryFactory(category=category, owner=user, title="Old name")
    member = UserFactory()
    TeamMemberFactory(entry=entry, user=member)
    client.force_login(member)
    client.get(URL)

    entry.title = "Turn UP"
    entry.save()
    body = client.get(URL).content.decode()

    assert "Turn UP" in body and "Old name" not in body


def test_joining_a_team_shows_its_entry(client, category, user):
    client.force_login(user)
    client.get(URL)

    TeamMemberFactory(entry=EntryFactory(category=category, title="Team idea"), user=user)
    body = client.get(URL).content.decode()

    assert "Team idea" in body


def test_people_never_see_each_others_lists(client, category, user):
    EntryFactory(category=category, owner=user, title="My own idea for the award")
    other = UserFactory()
    client.force_login(user)
    client.get(URL)

    client.force_login(other)
    body = client.get(URL).content.decode()

    assert "My own idea for the award" not in body


def test_a_warm_list_reads_no_entry(client, category, user):
    EntryFactory(category=category, owner=user)
    client.force_login(user)
    client.get(URL)

    with CaptureQueriesContext(connection) as queries:
        client.get(URL)

    assert len(queries) == 1 + session_queries()  # the user
