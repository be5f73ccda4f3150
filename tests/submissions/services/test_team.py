"""The team services: invitations sent, accepted and withdrawn, co-applicants removed or leaving,
the entry handed over."""

import pytest
from django.core import mail

from audit.models import AuditEvent
from submissions.enums import EntryStatus, TeamRole
from submissions.models import Entry, TeamInvitation, TeamMember
from submissions.rules import EntryActionRefused
from submissions.services.entries import entry_withdraw
from submissions.services.team import (
    invitation_accept,
    invitation_revoke,
    invitation_send,
    team_member_remove,
    team_owner_transfer,
)
from tests.factories import (
    EntryFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.submissions.samples import lock_submitted

pytestmark = pytest.mark.django_db


def _draft(category, **fields) -> Entry:
    return EntryFactory(category=category, title="Turn UP", pitch="Music for all.", **fields)


def _audit(action):
    return list(AuditEvent.objects.filter(action=action).values_list("actor", "summary"))


def _roles(entry) -> dict:
    return dict(TeamMember.objects.filter(entry=entry).values_list("user_id", "role"))


def test_invitation_send_emails_accept_link(category, django_capture_on_commit_callbacks):
    entry = _draft(category)

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            entry=entry,
            invited_by=entry.owner,
            email="sally@example.org",
            absolute_uri=lambda path: "https://laurel.example.org" + path,
        )

    assert [m.to for m in mail.outbox] == [["sally@example.org"]]
    assert f"https://laurel.example.org/entries/join/{invitation.token}/" in mail.outbox[0].body


def test_invitation_send_refused_for_existing_member(category):
    entry = _draft(category)

    with pytest.raises(EntryActionRefused):
        invitation_send(
            entry=entry, invited_by=entry.owner, email=entry.owner.email, absolute_uri=str
        )


def test_invitation_accept_with_another_address_joins_team(category):
    invitation = TeamInvitationFactory(entry=_draft(category), email="sally@uni.example")
    sally = UserFactory(email="sally.sow@gmail.example")

    member = invitation_accept(invitation=invitation, user=sally)

    invitation.refresh_from_db()
    assert (member.user, member.role, invitation.accepted_by) == (sally, TeamRole.MEMBER, sally)


def test_invitation_accept_refused_once_used_by_someone_else(category):
    invitation = TeamInvitationFactory(entry=_draft(category))
    invitation_accept(invitation=invitation, user=UserFactory())

    with pytest.raises(EntryActionRefused):
        invitation_accept(invitation=invitation, user=UserFactory())

    assert TeamMember.objects.filter(entry=invitation.entry).count() == 2


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
    lock_submitted(entry)

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


def test_invitation_accept_after_it_was_withdrawn_meanwhile_is_refused_with_a_message(entry):
    # The invitee opened the accept page; the team withdrew the invitation before they clicked.
    invitation = TeamInvitationFactory(entry=entry, email="late@example.org")
    opened = TeamInvitation.objects.get(pk=invitation.pk)
    invitation_revoke(invitation=invitation, user=entry.owner)

    with pytest.raises(EntryActionRefused, match="withdrawn"):
        invitation_accept(invitation=opened, user=UserFactory())

    assert entry.team.count() == 1


# Handing the entry over


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
