"""Jury invitations: sent by email, accepted by whichever account follows the link."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import email_render_and_enqueue
from accounts.models import User
from audit.services import audit_record
from judging.enums import JuryRole, ReviewStatus
from judging.models import Assignment, JuryMember
from judging.services.conflicts import conflicts_detect


def jury_invitation_url(*, member: JuryMember) -> str:
    return settings.SITE_URL + reverse("judging:invitation-accept", kwargs={"token": member.token})


@transaction.atomic
def jury_member_invite(
    *, category, email: str, role: str = JuryRole.JUDGE, name: str = "", invited_by
) -> JuryMember:
    """Put someone on the category's jury and email them an invitation.

    Queues the email `jury_invitation`; writes the audit event `jury.invite`.
    """
    email = email.strip()
    if JuryMember.objects.filter(category=category, email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already invited to this jury.") % {"email": email},
            code="already_invited",
        )
    member = JuryMember.objects.create(category=category, email=email, role=role, name=name)
    _invitation_send(member=member, actor=invited_by, action="jury.invite")
    return member


@transaction.atomic
def jury_invitation_resend(*, member: JuryMember, actor) -> JuryMember:
    """Send the invitation again, with the same link.

    Queues the email `jury_invitation`; writes the audit event `jury.invitation_resend`.
    """
    member = JuryMember.objects.select_for_update().get(pk=member.pk)
    if member.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."), code="accepted")
    _invitation_send(member=member, actor=actor, action="jury.invitation_resend")
    return member


def _invitation_send(*, member: JuryMember, actor, action: str) -> None:
    member.invited_at = timezone.now()
    member.save(update_fields=["invited_at"])
    category = member.category
    # Someone who already has an account reads it in their own language; a newcomer in the
    # language the chair is using.
    invitee = member.user or User.objects.filter(email__iexact=member.email).first()
    language = invitee.email_language if invitee else translation.get_language()
    with translation.override(language):
        url = jury_invitation_url(member=member)
    email_render_and_enqueue(
        template="jury_invitation",
        to=[member.email],
        context={
            "member": member,
            "category": category,
            "edition": category.edition,
            "invited_by": actor,
            "url": url,
        },
        language=language,
        related=member,
    )
    audit_record(
        actor=actor,
        action=action,
        target=member,
        summary=f"{member.email} invited as {member.role} to {category}",
        data={"email": member.email, "role": member.role},
        edition=category.edition,
    )


@transaction.atomic
def jury_invitation_accept(*, token: str, user) -> JuryMember:
    """Bind the invitation to `user`, whatever address they signed up with. Single use.

    Flags affiliation conflicts between the new judge and the category's entries (see
    `conflicts_detect`); writes the audit event `jury.accept`.
    """
    member = (
        JuryMember.objects.select_for_update()
        .select_related("category__edition")
        .filter(token=token)
        .first()
    )
    if member is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if not member.active:
        raise ValidationError(_("This invitation has been withdrawn."), code="withdrawn")
    if member.accepted_at is not None or member.user_id is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if JuryMember.objects.filter(category=member.category, user=user).exists():
        raise ValidationError(_("Your account is already on this jury."), code="already_member")
    member.user = user
    member.accepted_at = timezone.now()
    member.save(update_fields=["user", "accepted_at"])
    audit_record(
        actor=user,
        action="jury.accept",
        target=member,
        summary=f"{user.email} accepted the invitation sent to {member.email}",
        data={"invited_email": member.email, "account_email": user.email},
        edition=member.category.edition,
    )
    conflicts_detect(category=member.category, judges=[user])
    return member


def assignments_unstarted(*, member: JuryMember):
    """The member's assignments in the category that no review was begun for: released when
    they leave the jury. Started drafts and submitted reviews stay on record."""
    if member.user_id is None:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(round__category_id=member.category_id, judge_id=member.user_id)
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .exclude(review__version__gt=0)
    )


@transaction.atomic
def jury_member_remove(*, member: JuryMember, by) -> int:
    """Take someone off the jury. Their seat is deactivated, which closes every jury page, file,
    review and results page of the category to them at their next request, whatever session
    they hold (see `judging.access.jury_seats`). An invitation not yet accepted is withdrawn:
    its link stops working.

    Releases the assignments they had not started and returns how many; reviews they began or
    submitted stay on record for the chair. Refuses a member already removed, and removing
    oneself. Writes the audit event `jury.remove` (and `assignment.remove` per release).
    """
    member = (
        JuryMember.objects.select_for_update().select_related("category__edition").get(pk=member.pk)
    )
    if not member.active:
        raise ValidationError(_("This person is no longer on the jury."), code="removed")
    if member.user_id is not None and member.user_id == by.pk:
        raise ValidationError(
            _("You cannot remove yourself; ask an organiser or another chair."), code="self"
        )
    member.active = False
    member.save(update_fields=["active"])
    edition = member.category.edition
    released = 0
    unstarted = assignments_unstarted(member=member).select_related("entry")
    for assignment in unstarted.select_for_update(of=("self",)):
        audit_record(
            actor=by,
            action="assignment.remove",
            target=assignment,
            summary="released: judge removed from the jury",
            data={
                "entry": assignment.entry_id,
                "reference": assignment.entry.reference,
                "judge": assignment.judge_id,
                "judge_email": member.user.email,
                "reason": "removed",
            },
            edition=edition,
        )
        assignment.delete()
        released += 1
    audit_record(
        actor=by,
        action="jury.remove",
        target=member,
        summary=f"{member.email} removed from the jury of {member.category}",
        data={"email": member.email, "user": member.user_id, "released": released},
        edition=edition,
    )
    return released


@transaction.atomic
def jury_member_reinstate(*, member: JuryMember, by) -> JuryMember:
    """Give a removed member their seat back (released assignments are not restored: assign
    again). Writes the audit event `jury.reinstate`."""
    member = (
        JuryMember.objects.select_for_update().select_related("category__edition").get(pk=member.pk)
    )
    if member.active:
        raise ValidationError(_("This person is already on the jury."), code="active")
    member.active = True
    member.save(update_fields=["active"])
    audit_record(
        actor=by,
        action="jury.reinstate",
        target=member,
        summary=f"{member.email} back on the jury of {member.category}",
        data={"email": member.email, "user": member.user_id},
        edition=member.category.edition,
    )
    return member
