"""Setting up a final round's pitch day; the schedule itself is the pitch day's own page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console.access import console_required
from console.forms.pitch import PitchDayForm
from console.views.rounds import get_round_for_organiser
from finals.models import PitchDay
from finals.services import pitch_day_save


@console_required
def pitch_day_edit(request, round_pk):
    round_ = get_round_for_organiser(request, round_pk)
    # The award's organisers who may change rounds, as for the pitch day's own page and its save
    # (`finals.services.may_organise`); superusers hold every permission.
    if not request.user.has_perm("judging.change_round"):
        raise Http404
    pitch_day = PitchDay.objects.filter(round=round_).first()
    form = PitchDayForm(request.POST or None, instance=pitch_day, round=round_)
    if request.method == "POST" and form.is_valid():
        saved = pitch_day_save(pitch_day=form.save(commit=False), by=request.user)
        messages.success(request, _("The pitch day has been saved. Schedule the finalists here."))
        return redirect("finals:pitch-day-detail", pk=saved.pk)
    return render(
        request,
        "console/pitch_day_edit.html",
        {"round": round_, "category": round_.category, "form": form, "pitch_day": pitch_day},
        status=400 if request.method == "POST" else 200,
    )
