"""The jury's discussion pages: the entries of a round with their messages, one entry's
discussion, and changing one's own message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deliberation.access import get_discussion_seat, get_own_message
from deliberation.forms import MessageEditForm, MessageForm
from deliberation.selectors import discussion_entries, discussion_threads
from deliberation.services.messages import discussion_read_mark, message_withdraw
from judging.models import Round
from judging.selectors.entries import entry_for_jury


@login_required
def round_discussions(request, round_id):
    round = get_object_or_404(Round.objects.select_related("category__edition__award"), pk=round_id)
    rows = discussion_entries(user=request.user, round=round)
    if rows is None:
        raise Http404
    return render(
        request,
        "deliberation/round_discussions.html",
        {"round": round, "rows": rows, "jury_nav": True},
    )


def _discussion_page(request, seat, form, *, status=200):
    return render(
        request,
        "deliberation/discussion_detail.html",
        {
            "seat": seat,
            "round": seat.round,
            "entry": entry_for_jury(entry=seat.entry, blind=seat.round.blind and not seat.manages),
            "threads": discussion_threads(seat=seat, viewer=request.user),
            "form": form,
            "jury_nav": True,
        },
        status=status,
    )


@login_required
def discussion_detail(request, round_id, entry_id):
    """One entry's discussion; a POST posts a message or a reply (htmx or plain form)."""
    seat = get_discussion_seat(request, round_id, entry_id)
    if request.method == "POST":
        form = MessageForm(request.POST, seat=seat, user=request.user)
        if form.is_valid() and form.save() is not None:
            if request.headers.get("HX-Request"):
                return _discussion_page(request, seat, MessageForm(seat=seat, user=request.user))
            messages.success(request, _("Message posted."))
            return redirect("deliberation:discussion-detail", round_id=round_id, entry_id=entry_id)
        return _discussion_page(request, seat, form, status=422)
    discussion_read_mark(seat=seat, user=request.user)
    return _discussion_page(request, seat, MessageForm(seat=seat, user=request.user))


@login_required
def message_edit(request, pk):
    message, seat = get_own_message(request, pk)
    form = MessageEditForm(request.POST or None, message=message, user=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("Message changed."))
        return redirect(
            "deliberation:discussion-detail", round_id=message.round_id, entry_id=message.entry_id
        )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "deliberation/message_edit.html",
        {"form": form, "message": message, "round": seat.round, "jury_nav": True},
        status=status,
    )


@login_required
@require_POST
def message_withdraw_view(request, pk):
    message, _seat = get_own_message(request, pk)
    try:
        message_withdraw(message=message, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Message withdrawn."))
    return redirect(
        "deliberation:discussion-detail", round_id=message.round_id, entry_id=message.entry_id
    )
