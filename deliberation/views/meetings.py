"""Jury meetings: the chair starts one on a closed round and drives the presenter view; judges
follow on their own screens (htmx polling); the minutes print at the end."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deliberation.meeting_forms import MeetingDecisionForm, MeetingStartForm
from deliberation.meeting_reads import (
    agenda_for_viewer,
    focus_for_viewer,
    get_meeting_for_chair,
    get_meeting_for_follower,
    meeting_minutes,
)
from deliberation.models import Meeting
from deliberation.services import meetings as meeting_services
from judging.access import get_round_for_chair
from judging.services.decisions import outcomes_for_round


@login_required
def meeting_start(request, round_id):
    """The round's meetings, and starting a new one (a POST)."""
    round = get_round_for_chair(request, round_id)
    form = MeetingStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_start(
                round=round,
                by=request.user,
                method=form.cleaned_data["method"],
                top_n=form.cleaned_data["top_n"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("deliberation:meeting-presenter", pk=meeting.pk)
    return render(
        request,
        "deliberation/meeting_start.html",
        {
            "round": round,
            "form": form,
            "meetings": Meeting.objects.filter(round=round).select_related("started_by"),
            "jury_nav": True,
        },
        status=422 if request.method == "POST" else 200,
    )


def _presenter_context(request, meeting, *, form=None) -> dict:
    outcomes = outcomes_for_round(round=meeting.round)
    return {
        "meeting": meeting,
        "round": meeting.round,
        "agenda": agenda_for_viewer(meeting=meeting, viewer=request.user),
        "focus": focus_for_viewer(meeting=meeting, viewer=request.user, presenter=True),
        "criteria": list(meeting.round.criteria.all()),
        "form": form or MeetingDecisionForm(outcomes=outcomes),
        "jury_nav": True,
    }


@login_required
def meeting_presenter(request, pk):
    meeting = get_meeting_for_chair(request, pk)
    return render(
        request, "deliberation/meeting_presenter.html", _presenter_context(request, meeting)
    )


@login_required
@require_POST
def meeting_focus(request, pk):
    meeting = get_meeting_for_chair(request, pk)
    try:
        entry_id = int(request.POST.get("entry", ""))
        hidden = entry_id not in {
            i["entry_id"] for i in agenda_for_viewer(meeting=meeting, viewer=request.user).items
        }
        if hidden:
            raise ValueError
        meeting_services.meeting_focus(meeting=meeting, entry_id=entry_id, by=request.user)
    except (ValueError, ValidationError):
        messages.error(request, _("That entry is not on the agenda."))
    return redirect("deliberation:meeting-presenter", pk=meeting.pk)


@login_required
@require_POST
def meeting_decide(request, pk):
    meeting = get_meeting_for_chair(request, pk)
    form = MeetingDecisionForm(request.POST, outcomes=outcomes_for_round(round=meeting.round))
    focus = focus_for_viewer(meeting=meeting, viewer=request.user, presenter=True)
    if form.is_valid() and focus.item is not None:
        try:
            meeting_services.meeting_decide(
                meeting=meeting,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("deliberation:meeting-presenter", pk=meeting.pk)
    return render(
        request,
        "deliberation/meeting_presenter.html",
        _presenter_context(request, meeting, form=form),
        status=422,
    )


@login_required
@require_POST
def meeting_end(request, pk):
    meeting = get_meeting_for_chair(request, pk)
    try:
        meeting_services.meeting_end(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("deliberation:meeting-minutes", pk=meeting.pk)


@login_required
def meeting_follow(request, pk):
    """The follower view. htmx polls it every few seconds with the version it shows: the same
    version answers 204 (nothing to swap), a new one the focus panel."""
    meeting = get_meeting_for_follower(request, pk)
    meeting_services.meeting_attend(meeting=meeting, user=request.user)
    polling = bool(request.headers.get("HX-Request"))
    if polling and request.GET.get("v") == str(meeting.version):
        return HttpResponse(status=204)
    context = {
        "meeting": meeting,
        "round": meeting.round,
        "focus": focus_for_viewer(meeting=meeting, viewer=request.user, presenter=False),
        "jury_nav": True,
    }
    template = (
        "deliberation/_meeting_follow.html" if polling else "deliberation/meeting_follow.html"
    )
    return render(request, template, context)


@login_required
def meeting_minutes_view(request, pk):
    meeting = get_meeting_for_chair(request, pk)
    return render(
        request,
        "deliberation/meeting_minutes.html",
        {"minutes": meeting_minutes(meeting=meeting, viewer=request.user), "meeting": meeting},
    )
