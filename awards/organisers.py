"""Who runs an award: reads and the two writes (add by email, remove), both audited.

An organiser is a staff account among the award's organisers and in the "Organisers" group,
which holds the permissions the organiser pages ask for (entries, judging, awards)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import organised_award_filter
from audit.services import audit_record
from awards.models import Award, AwardOrganiser

ORGANISERS_GROUP = "Organisers"
ORGANISER_APPS = ("awards", "submissions", "judging")


class OrganiserRefused(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def awards_organised_by(*, user) -> QuerySet[Award]:
    """The awards `user` runs (every award for a superuser, none for anyone not staff)."""
    if not (user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)):
        return Award.objects.none()
    return Award.objects.filter(**organised_award_filter(user)).distinct()


def organisers_group() -> Group:
    """The group whose permissions every organiser holds, made on first use."""
    group, created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    if created:
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    return group


@transaction.atomic
def award_organiser_add(*, award: Award, email: str, by) -> AwardOrganiser:
    """Make the existing account with `email` an organiser of `award`: staff, in the organisers'
    group, among the award's organisers. Audited ("award.organiser_add"). Staff must set up
    two-factor authentication at their next page (accounts.middleware)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise OrganiserRefused(
            _("No account uses this email address. Ask the person to sign up first."),
            code="no_account",
        )
    if AwardOrganiser.objects.filter(award=award, user=user).exists():
        raise OrganiserRefused(_("This person already organises the award."), code="already")
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(organisers_group())
    membership = AwardOrganiser.objects.create(award=award, user=user, added_by=by)
    audit_record(
        actor=by,
        action="award.organiser_add",
        target=award,
        data={"user": user.pk, "email": user.email},
        summary=f"Organiser added: {user.email}",
    )
    return membership


@transaction.atomic
def award_organiser_remove(*, membership: AwardOrganiser, by) -> None:
    """Remove one organiser from an award; refused for the last one, so an award is never left
    without anyone to run it. Audited ("award.organiser_remove")."""
    award = Award.objects.select_for_update().get(pk=membership.award_id)
    if award.organisers.count() <= 1:
        raise OrganiserRefused(
            _("An award needs at least one organiser: add another before removing this one."),
            code="last",
        )
    user = membership.user
    membership.delete()
    audit_record(
        actor=by,
        action="award.organiser_remove",
        target=award,
        data={"user": user.pk, "email": user.email},
        summary=f"Organiser removed: {user.email}",
    )
