"""The pitch day: the organiser's schedule (panels, who is out and why, swaps, requests),
the finalist's slot page, and the calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finals.calendar import slot_calendar
from finals.enums import SlotRequestStatus
from finals.forms import SlotRequestDecisionForm, SlotRequestForm, SlotSwapForm
from finals.models import PitchDay, PitchSlot, SlotRequest
from finals.panels import slot_panels
from finals.results import combined_results
from finals.services import (
    is_finalist_team,
    may_organise,
    pitch_day_schedule,
    pitch_slot_cancel,
    pitch_slots_swap,
    slot_request_create,
    slot_request_decide,
)


def _day_for_organiser(request, pk) -> PitchDay:
    day = get_object_or_404(
        PitchDay.objects.select_related("round__category__edition__award"), pk=pk
    )
    if not may_organise(request.user, day=day):
        raise Http404
    return day


def _live_slots(day):
    return list(day.slots.filter(cancelled_at=None).select_related("entry").order_by("position"))


def pitch_day_detail(request, pk):
    day = _day_for_organiser(request, pk)
    slots = _live_slots(day)
    pending = list(
        SlotRequest.objects.filter(slot__pitch_day=day, status=SlotRequestStatus.PENDING)
        .select_related("slot__entry", "requested_by")
        .order_by("created_at")
    )
    context = {
        "day": day,
        "round": day.round,
        "panels": slot_panels(pitch_day=day),
        "swap_form": SlotSwapForm(slots=slots),
        "pending": [(r, SlotRequestDecisionForm(slots=slots, prefix=f"r{r.pk}")) for r in pending],
        "combined": combined_results(pitch_day=day),
    }
    return render(request, "finals/pitch_day_detail.html", context)


@require_POST
def pitch_day_schedule_view(request, pk):
    day = _day_for_organiser(request, pk)
    slots = pitch_day_schedule(pitch_day=day, by=request.user)
    messages.success(
        request,
        _("%(count)s slots scheduled; invitations are on their way.") % {"count": len(slots)},
    )
    return redirect("finals:pitch-day-detail", pk=day.pk)


@require_POST
def pitch_slot_swap_view(request, pk):
    day = _day_for_organiser(request, pk)
    slots = _live_slots(day)
    form = SlotSwapForm(request.POST, slots=slots)
    if form.is_valid():
        by_pk = {s.pk: s for s in slots}
        try:
            pitch_slots_swap(
                first=by_pk[form.cleaned_data["first"]],
                second=by_pk[form.cleaned_data["second"]],
                by=request.user,
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Slots swapped; updated invitations are on their way."))
    return redirect("finals:pitch-day-detail", pk=day.pk)


@require_POST
def pitch_slot_cancel_view(request, pk):
    slot = get_object_or_404(PitchSlot.objects.select_related("pitch_day"), pk=pk)
    if not may_organise(request.user, day=slot.pitch_day):
        raise Http404
    try:
        pitch_slot_cancel(slot=slot, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Slot cancelled; everyone invited is told."))
    return redirect("finals:pitch-day-detail", pk=slot.pitch_day_id)


@require_POST
def slot_request_decide_view(request, pk):
    slot_request = get_object_or_404(SlotRequest.objects.select_related("slot__pitch_day"), pk=pk)
    if not may_organise(request.user, day=slot_request.slot.pitch_day):
        raise Http404
    slots = _live_slots(slot_request.slot.pitch_day)
    form = SlotRequestDecisionForm(request.POST, slots=slots, prefix=f"r{slot_request.pk}")
    if form.is_valid():
        swap_with = {s.pk: s for s in slots}.get(form.cleaned_data["swap_with"])
        try:
            slot_request_decide(
                request=slot_request,
                by=request.user,
                grant=form.cleaned_data["grant"],
                swap_with=swap_with,
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Request decided."))
    return redirect("finals:pitch-day-detail", pk=slot_request.slot.pitch_day_id)


def _slot_for_team(request, pk) -> PitchSlot:
    slot = get_object_or_404(
        PitchSlot.objects.select_related("entry", "pitch_day__round__category__edition"), pk=pk
    )
    if not (
        is_finalist_team(user=request.user, slot=slot)
        or may_organise(request.user, day=slot.pitch_day)
    ):
        raise Http404
    return slot


@login_required
def slot_detail(request, pk):
    """The finalist's slot: when and where, the calendar file, asking for another slot."""
    slot = _slot_for_team(request, pk)
    form = SlotRequestForm()
    if request.method == "POST" and not is_finalist_team(user=request.user, slot=slot):
        raise Http404  # organisers see the page; only the finalist's team asks
    if request.method == "POST":
        form = SlotRequestForm(request.POST)
        if form.is_valid():
            try:
                slot_request_create(
                    slot=slot, by=request.user, message=form.cleaned_data["message"]
                )
            except ValidationError as refused:
                form.add_error("message", refused)
            else:
                messages.success(request, _("Your request is sent to the organiser."))
                return redirect("finals:slot-detail", pk=slot.pk)
    return render(
        request,
        "finals/slot_detail.html",
        {
            "slot": slot,
            "day": slot.pitch_day,
            "form": form,
            "requests": list(slot.requests.order_by("-created_at")),
        },
    )


@login_required
def slot_ics(request, pk):
    """The slot's calendar file, for the finalist's team, the slot's panel and organisers."""
    slot = get_object_or_404(
        PitchSlot.objects.select_related("entry", "pitch_day__round__category__edition"), pk=pk
    )
    panel = next(
        (p.panel for p in slot_panels(pitch_day=slot.pitch_day) if p.slot.pk == slot.pk), []
    )
    allowed = (
        is_finalist_team(user=request.user, slot=slot)
        or request.user in panel
        or may_organise(request.user, day=slot.pitch_day)
    )
    if not allowed:
        raise Http404
    response = HttpResponse(
        slot_calendar(slot=slot, cancel=slot.cancelled_at is not None),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="pitch-{slot.pk}.ics"'
    return response
