"""The team's check of its winner page, and the organiser's side of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import Winner
from publishing.access import get_winner_for_organiser, get_winner_for_team, may_organise_edition
from publishing.enums import CorrectionStatus
from publishing.forms import TeamCheckForm
from publishing.models import PAGE_FIELDS, Correction
from publishing.services import team_check as services


def team_check_context(winner: Winner) -> dict:
    """The check and its corrections, for the organiser's edit page."""
    check = getattr(winner, "team_check", None)
    corrections = list(check.corrections.select_related("proposed_by")) if check else []
    labels = {name: Winner._meta.get_field(name).verbose_name for name in PAGE_FIELDS}
    for correction in corrections:
        correction.label = labels.get(correction.field, correction.field)
        correction.current = getattr(winner, correction.field, "")
    return {
        "team_check": check,
        "corrections": corrections,
        "pending": [c for c in corrections if c.status == CorrectionStatus.PENDING],
    }


@login_required
@require_POST
def team_check_invite(request, pk):
    winner = get_winner_for_organiser(request, pk)
    try:
        services.team_check_invite(winner=winner, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The team has been asked to check the page."))
    return redirect("publishing:winner-edit", pk=winner.pk)


@login_required
@require_POST
def team_check_waive(request, pk):
    winner = get_winner_for_organiser(request, pk)
    services.team_check_waive(winner=winner, by=request.user)
    messages.success(request, _("The team's check is waived."))
    return redirect("publishing:winner-edit", pk=winner.pk)


@login_required
@require_POST
def correction_decide(request, pk, decision):
    correction = (
        Correction.objects.select_related("team_check__winner__category__edition")
        .filter(pk=pk)
        .first()
    )
    if decision not in ("accept", "decline"):
        raise Http404
    if correction is None or not may_organise_edition(
        request.user, edition=correction.team_check.winner.category.edition
    ):
        raise Http404
    decide = services.correction_accept if decision == "accept" else services.correction_decline
    try:
        decide(correction=correction, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Correction applied.") if decision == "accept" else _("Correction declined."),
        )
    return redirect("publishing:winner-edit", pk=correction.team_check.winner_id)


@login_required
def team_check(request, pk):
    """A team member reads the page's text and approves it or proposes corrections."""
    winner = get_winner_for_team(request, pk)
    form = TeamCheckForm(request.POST or None, winner=winner)
    if request.method == "POST" and form.is_valid():
        try:
            if "approve" in request.POST:
                services.team_check_approve(winner=winner, by=request.user)
                messages.success(request, _("Thank you: you approved the text."))
            else:
                services.team_check_propose(
                    winner=winner, proposals=form.proposals(), by=request.user
                )
                messages.success(
                    request, _("Thank you: the organisers will read your corrections.")
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("publishing:team-check", pk=winner.pk)
    return render(
        request,
        "publishing/team_check.html",
        {
            "winner": winner,
            "form": form,
            "check": winner.team_check,
            "corrections": team_check_context(winner)["corrections"],
        },
    )
