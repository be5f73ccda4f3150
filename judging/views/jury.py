"""The jury: the chair's list with invitations, and the page where an invitee accepts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from judging.access import JURY_NAV_SESSION_KEY, get_category_for_chair, may_chair
from judging.forms import JuryInviteForm
from judging.models import JuryMember
from judging.services.jury import (
    assignments_unstarted,
    jury_invitation_accept,
    jury_invitation_resend,
    jury_member_reinstate,
    jury_member_remove,
)


@login_required
def jury_list(request, category_id):
    category = get_category_for_chair(request, category_id)
    form = JuryInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = form.save(category=category, invited_by=request.user)
        except ValidationError:
            pass  # the form shows why, next to the address
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": member.email})
            return redirect("judging:jury-list", category_id=category.pk)
    members = category.jury.select_related("user").order_by("role", "email")
    return render(
        request,
        "judging/jury_list.html",
        {
            "category": category,
            "members": members,
            "pending": [m for m in members if m.active and m.accepted_at is None],
            "form": form,
        },
    )


def _get_member_for_chair(request, pk) -> JuryMember:
    """A seat on a jury the user may chair; 404 for anyone else."""
    member = get_object_or_404(
        JuryMember.objects.select_related("category__edition__award", "user"), pk=pk
    )
    if not may_chair(user=request.user, category=member.category):
        raise Http404
    return member


@login_required
@require_POST
def jury_resend(request, pk):
    member = _get_member_for_chair(request, pk)
    try:
        jury_invitation_resend(member=member, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": member.email}
        )
    return redirect("judging:jury-list", category_id=member.category_id)


@login_required
def jury_remove(request, pk):
    """Confirm, then take a member off the jury (or withdraw an invitation)."""
    member = _get_member_for_chair(request, pk)
    if request.method == "POST":
        try:
            released = jury_member_remove(member=member, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s is off the jury; %(count)d unstarted review was released.",
                    "%(name)s is off the jury; %(count)d unstarted reviews were released.",
                    released,
                )
                % {"name": member.user or member.name or member.email, "count": released},
            )
        return redirect("judging:jury-list", category_id=member.category_id)
    released = assignments_unstarted(member=member).count()
    assigned = (
        member.user.assignments.filter(round__category=member.category).count()
        if member.user
        else 0
    )
    return render(
        request,
        "judging/jury_remove.html",
        {
            "member": member,
            "category": member.category,
            "released": released,
            "kept": assigned - released,
        },
    )


@login_required
@require_POST
def jury_reinstate(request, pk):
    member = _get_member_for_chair(request, pk)
    try:
        jury_member_reinstate(member=member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is back on the jury.")
            % {"name": member.user or member.name or member.email},
        )
    return redirect("judging:jury-list", category_id=member.category_id)


def invitation_accept(request, token):
    """Anyone holding the link sees what it is for; signing in (or up, with any address) comes
    first, then one click binds the invitation to that account."""
    member = get_object_or_404(
        JuryMember.objects.select_related("category__edition__award"), token=token
    )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            jury_invitation_accept(token=token, user=request.user)
            request.session[JURY_NAV_SESSION_KEY] = True
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("judging:invitation-accept", token=token)
        messages.success(
            request,
            _("Welcome to the jury of %(category)s. Please declare any conflicts of interest.")
            % {"category": member.category.name},
        )
        return redirect("judging:conflict-declare")
    here = reverse("judging:invitation-accept", kwargs={"token": token})
    return render(
        request,
        "judging/invitation_accept.html",
        {
            "member": member,
            "category": member.category,
            "used": member.accepted_at is not None,
            "next": here,
        },
    )
