"""Writes on an entry's team: invitations sent, accepted and withdrawn, co-applicants removed or
leaving, and the owner handing the entry over."""

from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.mail import email_render_and_enqueue
from audit.services import audit_record
from submissions.enums import EntryStatus, TeamRole
from submissions.models import Entry, TeamInvitation, TeamMember
from submissions.rules import EntryActionRefused, entry_edit_refusal
from submissions.services.locks import entries_owned_count, entry_lock

# A cap on open invitations per entry, so the invitation form cannot be used to send spam.
MAX_PENDING_INVITATIONS = 20


@transaction.atomic
def invitation_send(
    *, entry: Entry, invited_by, email: str, absolute_uri: Callable[[str], str]
) -> TeamInvitation:
    """Invite `email` to the entry's team; an open invitation to the same address is sent again.

    Side effects: an "entry.invite" audit event; the invitation email, in the outbox.
    `absolute_uri` turns the accept path into a full link (e.g. request.build_absolute_uri)."""
    entry = entry_lock(pk=entry.pk)
    if entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn."))
    if entry.team.filter(user__email__iexact=email).exists():
        raise EntryActionRefused(_("%(email)s is already on the team.") % {"email": email})
    invitation = entry.invitations.filter(email__iexact=email, accepted_at__isnull=True).first()
    if invitation is None:
        if entry.invitations.filter(accepted_at__isnull=True).count() >= MAX_PENDING_INVITATIONS:
            raise EntryActionRefused(_("This entry has too many open invitations."))
        invitation = TeamInvitation.objects.create(entry=entry, email=email, invited_by=invited_by)
    audit_record(
        actor=invited_by,
        action="entry.invite",
        target=entry,
        summary=email,
        data={"email": email},
        edition=entry.category.edition,
    )
    context = {
        "inviter": str(invited_by),
        "title": entry.title or _("Untitled entry"),
        "award": entry.category.edition.award.name,
        "year": entry.category.edition.year,
        "category": entry.category.name,
        "url": absolute_uri(
            reverse("submissions:invitation-accept", kwargs={"token": invitation.token})
        ),
    }
    email_render_and_enqueue(
        template="entry_invitation",
        to=[email],
        context=context,
        language=get_language(),
        related=entry,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: TeamInvitation, user, now=None) -> TeamMember:
    """Make `user` a team member with the same rights as the owner, whatever address they use.

    Accepting again is harmless; an invitation someone else accepted is refused.
    Writes an "entry.join" audit event."""
    invitation = (
        TeamInvitation.objects.select_for_update(of=("self",))
        .select_related("entry__category__edition")
        .filter(pk=invitation.pk)
        .first()
    )
    if invitation is None:  # withdrawn by the team since the page was opened
        raise EntryActionRefused(_("This invitation has been withdrawn."))
    if invitation.accepted_by_id is not None and invitation.accepted_by_id != user.pk:
        raise EntryActionRefused(_("This invitation has already been used."))
    if invitation.entry.status == EntryStatus.WITHDRAWN:
        raise EntryActionRefused(_("This entry has been withdrawn."))
    member, created = TeamMember.objects.get_or_create(
        entry=invitation.entry, user=user, defaults={"role": TeamRole.MEMBER}
    )
    if invitation.accepted_at is None:
        invitation.accepted_by = user
        invitation.accepted_at = now or timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        audit_record(
            actor=user,
            action="entry.join",
            target=invitation.entry,
            summary=invitation.email,
            data={"email": invitation.email},
            edition=invitation.entry.category.edition,
        )
    return member


@transaction.atomic
def team_owner_transfer(*, member: TeamMember, user, now=None) -> None:
    """Make `member` the entry's owner, its contact person; the owner `user` stays on the team as
    a member. Only the owner may hand the entry over, and only to someone within their own
    entry limit in the category. Writes a "team.owner_transfer" audit event."""
    now = now or timezone.now()
    entry = entry_lock(pk=member.entry_id)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    if entry.owner_id != user.pk:
        raise EntryActionRefused(_("Only the owner of an entry can hand it over."))
    member = TeamMember.objects.select_related("user").filter(pk=member.pk, entry=entry).first()
    if member is None:
        raise EntryActionRefused(_("This person is no longer on the team."))
    if member.user_id == user.pk:
        return
    category = entry.category
    if entries_owned_count(user_id=member.user_id, category=category) >= (
        category.max_entries_per_entrant
    ):
        raise EntryActionRefused(
            _("%(name)s already owns as many entries as this category allows.")
            % {"name": member.user}
        )
    TeamMember.objects.filter(entry=entry, user=user).update(role=TeamRole.MEMBER)
    TeamMember.objects.filter(pk=member.pk).update(role=TeamRole.OWNER)
    entry.owner = member.user
    entry.save(update_fields=["owner", "updated_at"])
    audit_record(
        actor=user,
        action="team.owner_transfer",
        target=entry,
        summary=member.user.email,
        data={"from": user.pk, "to": member.user_id, "email": member.user.email},
        edition=category.edition,
    )


def _team_change_refusal(*, entry: Entry, user, now) -> str | None:
    """Why `user` may not change the entry's team now, or None: the same rule as for its content,
    and only someone still on the team (a co-applicant may have just removed them)."""
    refusal = entry_edit_refusal(entry=entry, now=now)
    if refusal:
        return refusal
    if not entry.team.filter(user=user).exists():
        return _("You are no longer on the team of this entry.")
    return None


@transaction.atomic
def invitation_revoke(*, invitation: TeamInvitation, user, now=None) -> None:
    """Withdraw an open invitation. It is deleted, so its emailed link leads nowhere (the accept
    page answers as for any unknown link). Any team member may do this.

    Refused when the entry can no longer be changed or the invitation was accepted meanwhile;
    revoking twice changes nothing. Writes a "team.invitation_revoke" audit event."""
    entry = entry_lock(pk=invitation.entry_id)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    # invitation_accept locks the invitation row: lock it too, then look at what it says now.
    invitation = (
        TeamInvitation.objects.select_for_update().filter(pk=invitation.pk, entry=entry).first()
    )
    if invitation is None:
        return
    if invitation.accepted_at is not None:
        raise EntryActionRefused(
            _("%(email)s has already joined the team.") % {"email": invitation.email}
        )
    invitation.delete()
    audit_record(
        actor=user,
        action="team.invitation_revoke",
        target=entry,
        summary=invitation.email,
        data={"email": invitation.email},
        edition=entry.category.edition,
    )


@transaction.atomic
def team_member_remove(*, member: TeamMember, user, now=None) -> None:
    """Take `member` off the entry's team; when `user` is that member, they leave it. Any team
    member may remove any co-applicant, but the owner can neither be removed nor leave.

    Side effects: the invitations the member accepted for this entry are deleted, or their
    emailed link would let them straight back in (invitation_accept lets the person who used a
    link use it again); a "team.member_remove" or "team.member_leave" audit event.
    Refused when the entry can no longer be changed; removing twice changes nothing."""
    entry = entry_lock(pk=member.entry_id)
    refusal = _team_change_refusal(entry=entry, user=user, now=now)
    if refusal:
        raise EntryActionRefused(refusal)
    member = TeamMember.objects.select_related("user").filter(pk=member.pk, entry=entry).first()
    if member is None:
        return
    leaving = member.user_id == user.pk
    if member.role == TeamRole.OWNER:
        raise EntryActionRefused(
            _("As the owner of this entry you cannot leave its team.")
            if leaving
            else _("The owner of an entry cannot be removed from its team.")
        )
    member.delete()
    entry.invitations.filter(accepted_by=member.user).delete()
    audit_record(
        actor=user,
        action="team.member_leave" if leaving else "team.member_remove",
        target=entry,
        summary=member.user.email,
        data={"user": member.user_id, "email": member.user.email},
        edition=entry.category.edition,
    )
