"""The team's pages: members and invitations, inviting a co-applicant, withdrawing an
invitation, removing a co-applicant or leaving, handing the entry over, accepting an
invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from submissions.access import get_entry_for_member
from submissions.forms import InvitationForm
from submissions.models import TeamInvitation, TeamMember
from submissions.rules import EntryActionRefused, entry_edit_refusal
from submissions.selectors import invitations_pending, team_for_entry
from submissions.services import team as team_services


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk):
    """The team: members, open invitations, and the form to invite a co-applicant."""
    entry = get_entry_for_member(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            team_services.invitation_send(
                entry=entry,
                invited_by=request.user,
                email=email,
                absolute_uri=request.build_absolute_uri,
            )
        except EntryActionRefused as refusal:
            form.add_error("email", refusal.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
            return redirect("submissions:team-edit", pk=entry.pk)
    return render(
        request,
        "submissions/team_edit.html",
        {
            "entry": entry,
            "form": form,
            "team": team_for_entry(entry=entry),
            "invitations": invitations_pending(entry=entry),
            "team_locked": entry_edit_refusal(entry=entry),
        },
    )


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    entry = get_entry_for_member(request, pk)
    invitation = get_object_or_404(
        entry.invitations.filter(accepted_at__isnull=True), pk=invitation_pk
    )
    try:
        team_services.invitation_revoke(invitation=invitation, user=request.user)
    except EntryActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_POST
def team_member_remove(request, pk, member_pk):
    """Remove a co-applicant, or, for one's own membership, leave the team."""
    entry = get_entry_for_member(request, pk)
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_pk, entry=entry)
    try:
        team_services.team_member_remove(member=member, user=request.user)
    except EntryActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("submissions:team-edit", pk=entry.pk)
    if member.user_id == request.user.pk:
        messages.success(
            request,
            _("You have left the team of “%(title)s”.")
            % {"title": entry.title or _("Untitled entry")},
        )
        # The entry is out of reach now: its pages would answer 404.
        return redirect("submissions:entry-list")
    messages.success(request, _("%(name)s is no longer on the team.") % {"name": member.user})
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_POST
def team_owner_transfer(request, pk, member_pk):
    """The owner hands the entry, and being its contact person, to a co-applicant."""
    entry = get_entry_for_member(request, pk)
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_pk, entry=entry)
    try:
        team_services.team_owner_transfer(member=member, user=request.user)
    except EntryActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(name)s is now the owner of this entry.") % {"name": member.user}
        )
    return redirect("submissions:team-edit", pk=entry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Accept a team invitation with whichever account is signed in: the invited address and
    the account's address need not match."""
    invitation = (
        TeamInvitation.objects.select_related(
            "entry__category__edition__award", "invited_by", "accepted_by"
        )
        .filter(token=token)
        .first()
    )
    if invitation is None:
        # Withdrawn invitations are deleted, so a withdrawn link looks like a mistyped one.
        return render(request, "submissions/invitation_accept.html", {}, status=404)
    entry = invitation.entry
    already_member = entry.team.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            team_services.invitation_accept(invitation=invitation, user=request.user)
        except EntryActionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("submissions:entry-list")
        messages.success(request, _("You have joined the team of this entry."))
        return redirect(entry)
    used_by_other = (
        invitation.accepted_by_id is not None and invitation.accepted_by_id != request.user.pk
    )
    return render(
        request,
        "submissions/invitation_accept.html",
        {
            "invitation": invitation,
            "entry": entry,
            "already_member": already_member,
            "used_by_other": used_by_other,
        },
    )
