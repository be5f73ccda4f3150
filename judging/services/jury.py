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
from judging.enums import JuryRole
from judging.models import JuryMember


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
    from judging.services.conflicts import conflicts_detect

    member = (
        JuryMember.objects.select_for_update()
        .select_related("category__edition")
        .filter(token=token)
        .first()
    )
    if member is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
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
