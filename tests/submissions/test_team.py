"""The team page's changes: withdrawing an invitation, removing a co-applicant, leaving."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from submissions.enums import EntryStatus, TeamRole
from submissions.models import TeamInvitation, TeamMember
from submissions.rules import EntryActionRefused
from submissions.services.entries import entry_withdraw
from submissions.services.team import invitation_accept, invitation_revoke, team_member_remove
from tests.factories import (
    CategoryFactory,
    EntryFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return EntryFactory(category=CategoryFactory(), title="Turn UP")


@pytest.fixture
def sally(entry):
    """A co-applicant who joined the entry's team through an invitation."""
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    user = UserFactory(email="sally@home.example", display_name="Sally Sow")
    invitation_accept(invitation=invitation, user=user)
    return TeamMember.objects.get(entry=entry, user=user)


def _revoke_url(entry, invitation):
    return reverse(
        "submissions:team-invitation-revoke",
        kwargs={"pk": entry.pk, "invitation_pk": invitation.pk},
    )


def _remove_url(entry, member):
    return reverse(
        "submissions:team-member-remove", kwargs={"pk": entry.pk, "member_pk": member.pk}
    )


def _join_url(invitation):
    return reverse("submissions:invitation-accept", args=[invitation.token])


def _team_url(entry):
    return reverse("submissions:team-edit", kwargs={"pk": entry.pk})


def _audit(action):
    return list(AuditEvent.objects.filter(action=action).values_list("actor", "summary"))


def _lock_submitted(entry):
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    entry.category.entries_editable_after_submission = False
    entry.category.save()


# Services


def test_invitation_revoke_deletes_invitation_and_records_audit(entry):
    invitation = TeamInvitationFactory(entry=entry, email="typo@exmaple.org")

    invitation_revoke(invitation=invitation, user=entry.owner)

    assert entry.invitations.count() == 0
    assert _audit("team.invitation_revoke") == [(entry.owner.pk, "typo@exmaple.org")]


def test_invitation_revoke_by_co_applicant(entry, sally):
    invitation = TeamInvitationFactory(entry=entry)

    invitation_revoke(invitation=invitation, user=sally.user)

    assert TeamInvitation.objects.filter(pk=invitation.pk).exists() is False


def test_invitation_revoke_refused_once_accepted(entry):
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    invitation_accept(invitation=invitation, user=UserFactory())

    with pytest.raises(EntryActionRefused) as refused:
        invitation_revoke(invitation=invitation, user=entry.owner)

    assert refused.value.message == "sally@uni.example has already joined the team."
    assert _audit("team.invitation_revoke") == []


def test_invitation_revoke_refused_for_withdrawn_entry(entry):
    invitation = TeamInvitationFactory(entry=entry)
    entry_withdraw(entry=entry, user=entry.owner)

    with pytest.raises(EntryActionRefused) as refused:
        invitation_revoke(invitation=invitation, user=entry.owner)

    assert refused.value.message == "This entry has been withdrawn and can no longer be changed."
    assert entry.invitations.count() == 1


def test_team_member_remove_by_co_applicant_records_audit(entry, sally):
    other = TeamMemberFactory(entry=entry, user=UserFactory(email="omar@example.org"))

    team_member_remove(member=other, user=sally.user)

    assert list(entry.team.values_list("user", flat=True)) == [entry.owner.pk, sally.user.pk]
    assert _audit("team.member_remove") == [(sally.user.pk, "omar@example.org")]


def test_team_member_remove_of_oneself_is_leaving(entry, sally):
    team_member_remove(member=sally, user=sally.user)

    assert list(entry.team.values_list("user", flat=True)) == [entry.owner.pk]
    assert _audit("team.member_leave") == [(sally.user.pk, "sally@home.example")]
    assert _audit("team.member_remove") == []


def test_team_member_remove_invalidates_the_link_they_joined_with(entry, sally):
    used = TeamInvitation.objects.get(entry=entry, accepted_by=sally.user)

    team_member_remove(member=sally, user=entry.owner)

    assert TeamInvitation.objects.filter(pk=used.pk).exists() is False


def test_team_member_remove_refuses_the_owner(entry, sally):
    owner = entry.team.get(role=TeamRole.OWNER)

    with pytest.raises(EntryActionRefused) as refused:
        team_member_remove(member=owner, user=sally.user)

    assert refused.value.message == "The owner of an entry cannot be removed from its team."
    assert entry.team.filter(pk=owner.pk).exists() is True


def test_team_member_remove_owner_cannot_leave(entry):
    owner = entry.team.get(role=TeamRole.OWNER)

    with pytest.raises(EntryActionRefused) as refused:
        team_member_remove(member=owner, user=entry.owner)

    assert refused.value.message == "As the owner of this entry you cannot leave its team."
    assert _audit("team.member_leave") == []


def test_team_member_remove_refused_when_submitted_entry_is_locked(entry, sally):
    _lock_submitted(entry)

    with pytest.raises(EntryActionRefused) as refused:
        team_member_remove(member=sally, user=entry.owner)

    assert refused.value.message == "Submitted entries in this category cannot be changed."
    assert entry.team.count() == 2


def test_team_member_remove_refused_for_someone_already_removed(entry, sally):
    other = TeamMemberFactory(entry=entry)
    team_member_remove(member=sally, user=other.user)

    with pytest.raises(EntryActionRefused):
        team_member_remove(member=other, user=sally.user)

    assert entry.team.filter(pk=other.pk).exists() is True


# Views


def test_invitation_revoke_view_withdraws_and_the_old_link_no_longer_joins(client, entry):
    invitation = TeamInvitationFactory(entry=entry, email="typo@exmaple.org")
    client.force_login(entry.owner)

    response = client.post(_revoke_url(entry, invitation), follow=True)

    assert response.redirect_chain == [(_team_url(entry), 302)]
    assert "The invitation to typo@exmaple.org is withdrawn" in response.content.decode()
    client.force_login(UserFactory())
    page = client.get(_join_url(invitation))
    join = client.post(_join_url(invitation))
    assert (page.status_code, join.status_code) == (404, 404)
    assert "This invitation link is no longer valid" in page.content.decode()
    assert entry.team.count() == 1


def test_invitation_revoke_of_someone_elses_entry_is_404(client, entry, user):
    invitation = TeamInvitationFactory(entry=entry)
    client.force_login(user)

    assert client.post(_revoke_url(entry, invitation)).status_code == 404
    assert entry.invitations.count() == 1


def test_invitation_revoke_of_another_entrys_invitation_is_404(client, entry):
    elsewhere = TeamInvitationFactory(entry=EntryFactory(category=entry.category))
    client.force_login(entry.owner)

    assert client.post(_revoke_url(entry, elsewhere)).status_code == 404
    assert TeamInvitation.objects.filter(pk=elsewhere.pk).exists() is True


def test_team_member_remove_view_removes_and_the_entry_is_404_for_them(client, entry, sally):
    used = TeamInvitation.objects.get(entry=entry, accepted_by=sally.user)
    client.force_login(entry.owner)

    response = client.post(_remove_url(entry, sally), follow=True)

    assert response.redirect_chain == [(_team_url(entry), 302)]
    assert "Sally Sow is no longer on the team." in response.content.decode()
    client.force_login(sally.user)
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("submissions:entry-list")).context["entries"]) == []
    assert client.post(_join_url(used)).status_code == 404
    assert entry.team.filter(user=sally.user).exists() is False


def test_team_member_leave_view_goes_to_my_entries_without_the_entry(client, entry, sally):
    client.force_login(sally.user)

    response = client.post(_remove_url(entry, sally), follow=True)

    assert response.redirect_chain == [(reverse("submissions:entry-list"), 302)]
    assert "You have left the team of “Turn UP”." in response.content.decode()
    assert list(response.context["entries"]) == []
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_team_member_remove_view_refuses_the_owner_with_message(client, entry, sally):
    client.force_login(sally.user)
    owner = entry.team.get(role=TeamRole.OWNER)

    response = client.post(_remove_url(entry, owner), follow=True)

    assert response.redirect_chain == [(_team_url(entry), 302)]
    assert "The owner of an entry cannot be removed from its team." in response.content.decode()
    assert entry.team.count() == 2


def test_team_member_remove_view_shows_refusal_for_withdrawn_entry(client, entry, sally):
    entry_withdraw(entry=entry, user=entry.owner)
    client.force_login(entry.owner)

    response = client.post(_remove_url(entry, sally), follow=True)

    assert "This entry has been withdrawn and can no longer be changed." in (
        response.content.decode()
    )
    assert entry.team.count() == 2


def test_team_member_remove_of_someone_elses_entry_is_404(client, entry, sally, user):
    client.force_login(user)

    assert client.post(_remove_url(entry, sally)).status_code == 404
    assert entry.team.count() == 2


def test_team_member_remove_of_another_entrys_member_is_404(client, entry):
    elsewhere = TeamMemberFactory(entry=EntryFactory(category=entry.category))
    client.force_login(entry.owner)

    assert client.post(_remove_url(entry, elsewhere)).status_code == 404
    assert TeamMember.objects.filter(pk=elsewhere.pk).exists() is True


def test_team_changes_need_post(client, entry, sally):
    invitation = TeamInvitationFactory(entry=entry)
    client.force_login(entry.owner)

    statuses = [
        client.get(_revoke_url(entry, invitation)).status_code,
        client.get(_remove_url(entry, sally)).status_code,
    ]

    assert statuses == [405, 405]
    assert (entry.invitations.count(), entry.team.count()) == (2, 2)


def test_team_edit_labels_each_button_with_the_person(client, entry, sally):
    TeamInvitationFactory(entry=entry, email="omar@example.org")
    client.force_login(entry.owner)

    content = client.get(_team_url(entry)).content.decode()

    assert 'Remove<span class="visually-hidden"> Sally Sow</span>' in content
    assert 'Withdraw invitation<span class="visually-hidden"> omar@example.org</span>' in content
    assert _remove_url(entry, entry.team.get(role=TeamRole.OWNER)) not in content


def test_team_edit_offers_a_co_applicant_to_leave(client, entry, sally):
    client.force_login(sally.user)

    content = client.get(_team_url(entry)).content.decode()

    assert "Leave this team" in content
    assert _remove_url(entry, sally) in content


def test_team_edit_of_locked_entry_offers_no_changes(client, entry, sally):
    _lock_submitted(entry)
    client.force_login(entry.owner)

    content = client.get(_team_url(entry)).content.decode()

    assert "Submitted entries in this category cannot be changed." in content
    assert _remove_url(entry, sally) not in content


def test_invitation_accept_after_it_was_withdrawn_meanwhile_is_refused_with_a_message(entry):
    # The invitee opened the accept page; the team withdrew the invitation before they clicked.
    invitation = TeamInvitationFactory(entry=entry, email="late@example.org")
    opened = TeamInvitation.objects.get(pk=invitation.pk)
    invitation_revoke(invitation=invitation, user=entry.owner)

    with pytest.raises(EntryActionRefused, match="withdrawn"):
        invitation_accept(invitation=opened, user=UserFactory())

    assert entry.team.count() == 1
