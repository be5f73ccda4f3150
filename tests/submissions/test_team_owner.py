"""Handing an entry over: the owner makes a co-applicant the owner and contact person."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from submissions.enums import EntryStatus, TeamRole
from submissions.models import TeamMember
from submissions.rules import EntryActionRefused
from submissions.services.team import team_owner_transfer
from tests.factories import CategoryFactory, EntryFactory, TeamMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return EntryFactory(category=CategoryFactory(max_entries_per_entrant=1), title="Turn UP")


@pytest.fixture
def sally(entry):
    return TeamMemberFactory(entry=entry, user=UserFactory(display_name="Sally Sow"))


def _roles(entry) -> dict:
    return dict(TeamMember.objects.filter(entry=entry).values_list("user_id", "role"))


def _url(entry, member):
    return reverse(
        "submissions:team-owner-transfer", kwargs={"pk": entry.pk, "member_pk": member.pk}
    )


def test_owner_hands_the_entry_to_a_co_applicant_and_stays_on_the_team(client, entry, sally):
    previous = entry.owner
    client.force_login(previous)

    response = client.post(_url(entry, sally), follow=True)

    entry.refresh_from_db()
    assert entry.owner == sally.user
    assert _roles(entry) == {previous.pk: TeamRole.MEMBER, sally.user_id: TeamRole.OWNER}
    assert "Sally Sow is now the owner of this entry." in response.content.decode()
    assert list(
        AuditEvent.objects.filter(action="team.owner_transfer").values_list("actor", "summary")
    ) == [(previous.pk, sally.user.email)]
    # The new owner sees the entry among their own; the previous owner still reaches it.
    assert client.get(reverse("submissions:entry-edit", args=[entry.pk])).status_code == 200


def test_only_the_owner_can_hand_the_entry_over(entry, sally):
    other = TeamMemberFactory(entry=entry)

    with pytest.raises(EntryActionRefused, match="Only the owner"):
        team_owner_transfer(member=other, user=sally.user)

    entry.refresh_from_db()
    assert entry.owner_id != other.user_id
    assert _roles(entry)[other.user_id] == TeamRole.MEMBER


def test_handing_over_respects_the_new_owners_entry_limit(entry, sally):
    EntryFactory(category=entry.category, owner=sally.user)

    with pytest.raises(EntryActionRefused, match="already owns as many entries"):
        team_owner_transfer(member=sally, user=entry.owner)

    entry.refresh_from_db()
    assert entry.owner_id != sally.user_id


def test_a_locked_entry_cannot_change_hands(entry, sally):
    entry.status = EntryStatus.WITHDRAWN
    entry.save()

    with pytest.raises(EntryActionRefused, match="withdrawn"):
        team_owner_transfer(member=sally, user=entry.owner)


def test_handing_over_someone_elses_entry_is_404_and_needs_post(client, entry, sally):
    client.force_login(UserFactory())
    assert client.post(_url(entry, sally)).status_code == 404
    client.force_login(entry.owner)
    assert client.get(_url(entry, sally)).status_code == 405
    entry.refresh_from_db()
    assert entry.owner_id != sally.user_id


def test_team_page_offers_the_handover_only_to_the_owner(client, entry, sally):
    page = reverse("submissions:team-edit", args=[entry.pk])
    client.force_login(entry.owner)
    as_owner = client.get(page).content.decode()
    client.force_login(sally.user)
    as_member = client.get(page).content.decode()

    assert _url(entry, sally) in as_owner and "Make owner" in as_owner
    assert "Make owner" not in as_member
