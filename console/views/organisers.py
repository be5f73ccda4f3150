"""An award's organisers: who they are, adding one by email and removing one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import AwardOrganiser
from awards.organisers import OrganiserRefused, award_organiser_add, award_organiser_remove
from console.access import console_required, get_award_for_organiser
from console.forms.organisers import OrganiserAddForm


@console_required
def organiser_list(request, award_pk):
    award = get_award_for_organiser(request, award_pk)
    form = OrganiserAddForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                membership = award_organiser_add(
                    award=award, email=form.cleaned_data["email"], by=request.user
                )
            except OrganiserRefused as refusal:
                form.add_error("email", refusal.message)
            else:
                messages.success(
                    request,
                    _("%(email)s now organises %(award)s.")
                    % {"email": membership.user.email, "award": award.name},
                )
                return redirect("console:organiser-list", award_pk=award.pk)
        status = 400
    memberships = award.organisers.select_related("user", "added_by").order_by("created")
    return render(
        request,
        "console/organiser_list.html",
        {"award": award, "memberships": memberships, "form": form},
        status=status,
    )


@require_POST
@console_required
def organiser_remove(request, pk):
    membership = get_object_or_404(AwardOrganiser.objects.select_related("award", "user"), pk=pk)
    get_award_for_organiser(request, membership.award_id)
    try:
        award_organiser_remove(membership=membership, by=request.user)
    except OrganiserRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(email)s no longer organises %(award)s.")
            % {"email": membership.user.email, "award": membership.award.name},
        )
    return redirect("console:organiser-list", award_pk=membership.award_id)
