"""The chair asks for a second look: choose the entries, preview the proposed judges, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deliberation.meeting_forms import SecondLookForm
from deliberation.models import SecondLook
from deliberation.services.second_looks import second_look_plan, second_look_request
from judging.access import get_round_for_chair
from judging.enums import RoundStatus


@login_required
def second_look(request, round_id):
    """GET with the form filled in previews the proposal; POST (with its digest) confirms it."""
    round = get_round_for_chair(request, round_id)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = SecondLookForm(data)
    plan = None
    status = 200
    if form.is_valid() and round.status == RoundStatus.CLOSED:
        options = {
            "basis": form.cleaned_data["basis"],
            "count": form.cleaned_data["count"],
            "extra": form.cleaned_data["extra"],
            "top_n": form.cleaned_data["top_n"],
        }
        if request.method == "POST":
            try:
                look = second_look_request(
                    round=round,
                    by=request.user,
                    deadline=form.cleaned_data["deadline"],
                    digest=request.POST.get("digest", ""),
                    **options,
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 409
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d extra review requested; the judges have been emailed.",
                        "%(count)d extra reviews requested; the judges have been emailed.",
                        look.assignments.count(),
                    )
                    % {"count": look.assignments.count()},
                )
                return redirect("deliberation:second-look", round_id=round.pk)
        plan = second_look_plan(round=round, by=request.user, **options)
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "deliberation/second_look.html",
        {
            "round": round,
            "form": form,
            "plan": plan,
            "looks": SecondLook.objects.filter(round=round).select_related("requested_by"),
            "closed": round.status == RoundStatus.CLOSED,
            "jury_nav": True,
            "no_plan_reason": _("Close the round before asking for a second look."),
        },
        status=status,
    )
