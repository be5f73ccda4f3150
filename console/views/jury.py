"""Inviting the jury from the console; resending, removing and roles stay on the jury page
(`judging:jury-list`), which this page links to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console.access import console_required, get_category_for_organiser
from judging.forms import JuryInviteForm


@console_required
def jury_invite(request, category_pk):
    category = get_category_for_organiser(request, category_pk)
    form = JuryInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = form.save(category=category, invited_by=request.user)
        except ValidationError:
            pass  # the form shows why, next to the address
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": member.email})
            return redirect("console:jury-invite", category_pk=category.pk)
    members = category.jury.select_related("user").order_by("role", "email")
    return render(
        request,
        "console/jury_invite.html",
        {"category": category, "members": members, "form": form},
        status=400 if request.method == "POST" else 200,
    )
