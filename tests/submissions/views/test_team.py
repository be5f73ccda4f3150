"""The team's pages: inviting, withdrawing an invitation, removing a co-applicant, leaving,
handing the entry over, accepting an invitation."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from submissions.enums import TeamRole
from submissions.models import TeamInvitation, TeamMember
from submissions.services.entries import entry_withdraw
from tests.factories import (
    EntryFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.submissions.samples import entry_url, lock_submitted

pytestmark = pytest.mark.django_db


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


def _roles(entry) -> dict:
    return dict(TeamMember.objects.filter(entry=entry).values_list("user_id", "role"))


def _owner_url(entry, member):
    return reverse(
        "submissions:team-owner-transfer", kwargs={"pk": entry.pk, "member_pk": member.pk}
    )


def test_team_edit_invites_by_email_with_absolute_link(
    owner_client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(entry_url("team-edit", entry), {"email": "sally@example.org"})

    invitation = entry.invitations.get()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["sally@example.org"]]
    assert f"http://testserver/entries/join/{invitation.token}/" in mail.outbox[0].body


def test_team_edit_of_someone_elses_entry_is_404(client, entry, user):
    client.force_login(user)

    assert client.post(entry_url("team-edit", entry), {"email": "x@example.org"}).status_code == 404
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


def test_invitee_signing_up_with_another_address_comes_back_to_join(client, entry):
    invitation = TeamInvitationFactory(entry=entry, email="sally@uni.example")
    join = reverse("submissions:invitation-accept", args=[invitation.token])
    password = "Turn-UP-music-2026!"
    client.post(
        reverse("account_signup"),
        {"email": "sally@home.example", "password1": password, "password2": password, "next": join},
    )
    confirm = re.search(re.escape(settings.SITE_URL) + r"(\S+)", mail.outbox[-1].body).group(1)

    response = client.post(confirm)
    client.post(join)

    assert response["Location"] == join
    assert TeamMember.objects.filter(entry=entry, user__email="sally@home.example").exists()


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
    lock_submitted(entry)
    client.force_login(entry.owner)

    content = client.get(_team_url(entry)).content.decode()

    assert "Submitted entries in this category cannot be changed." in content
    assert _remove_url(entry, sally) not in content


# Handing the entry over


def test_owner_hands_the_entry_to_a_co_applicant_and_stays_on_the_team(client, entry, sally):
    previous = entry.owner
    client.force_login(previous)

    response = client.post(_owner_url(entry, sally), follow=True)

    entry.refresh_from_db()
    assert entry.owner == sally.user
    assert _roles(entry) == {previous.pk: TeamRole.MEMBER, sally.user_id: TeamRole.OWNER}
    assert "Sally Sow is now the owner of this entry." in response.content.decode()
    assert list(
        AuditEvent.objects.filter(action="team.owner_transfer").values_list("actor", "summary")
    ) == [(previous.pk, sally.user.email)]
    # The new owner sees the entry among their own; the previous owner still reaches it.
    assert client.get(reverse("submissions:entry-edit", args=[entry.pk])).status_code == 200


def test_handing_over_someone_elses_entry_is_404_and_needs_post(client, entry, sally):
    client.force_login(UserFactory())
    assert client.post(_owner_url(entry, sally)).status_code == 404
    client.force_login(entry.owner)
    assert client.get(_owner_url(entry, sally)).status_code == 405
    entry.refresh_from_db()
    assert entry.owner_id != sally.user_id


def test_team_page_offers_the_handover_only_to_the_owner(client, entry, sally):
    page = reverse("submissions:team-edit", args=[entry.pk])
    client.force_login(entry.owner)
    as_owner = client.get(page).content.decode()
    client.force_login(sally.user)
    as_member = client.get(page).content.decode()

    assert _owner_url(entry, sally) in as_owner and "Make owner" in as_owner
    assert "Make owner" not in as_member
