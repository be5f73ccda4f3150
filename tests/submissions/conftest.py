"""The submissions tests' world: an edition of FSA 2026 with the Idea category (and, for moves,
Technology, open or closed), an entry in it and its team."""

import datetime as dt

import pytest
from django.utils import timezone

from submissions.models import TeamMember
from submissions.services.entries import entry_submit
from submissions.services.team import invitation_accept
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    EntryFactory,
    TeamInvitationFactory,
    UserFactory,
)


@pytest.fixture
def edition():
    return EditionFactory(year=2026, award__code="FSA", award__slug="fsa")


@pytest.fixture
def idea(edition):
    return CategoryFactory(edition=edition, code="IDEA", name_en="Idea", position=1)


@pytest.fixture
def category(idea):
    """The category an entry is in when the test does not care which."""
    return idea


@pytest.fixture
def tech(edition):
    return CategoryFactory(edition=edition, code="TECH", name_en="Technology", position=2)


@pytest.fixture
def closed_tech(edition):
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
def entry(category):
    return EntryFactory(category=category, title="Turn UP", pitch="Music for all.")


@pytest.fixture
def submitted(entry):
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    return entry


@pytest.fixture
def owner_client(client, entry):
    client.force_login(entry.owner)
    return client


@pytest.fixture
def sally(entry):
    """A co-applicant who joined the entry's team through an invitation."""
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    user = UserFactory(email="sally@home.example", display_name="Sally Sow")
    invitation_accept(invitation=invitation, user=user)
    return TeamMember.objects.get(entry=entry, user=user)
