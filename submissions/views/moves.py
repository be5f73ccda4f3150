"""The entrant's move of an entry to another category of its edition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from submissions.access import get_entry_for_member
from submissions.forms import EntryMoveForm
from submissions.rules import EntryActionRefused
from submissions.selectors import categories_to_move_to
from submissions.services import moves as move_services


@login_required
@require_http_methods(["GET", "POST"])
def entry_move(request, pk):
    """Move the entry to another category of its edition: GET lists the categories open now with
    their deadlines, POST moves it (services.moves.entry_move says what a move resets)."""
    entry = get_entry_for_member(request, pk)
    now = timezone.now()
    categories = categories_to_move_to(entry=entry, now=now)
    form = EntryMoveForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = move_services.entry_move(
                entry=entry, category=form.cleaned_data["category"], user=request.user, now=now
            )
        except EntryActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            category = outcome.entry.category
            messages.success(
                request,
                _("Your entry is now in %(category)s.") % {"category": category.name},
            )
            if outcome.unsubmitted:
                messages.warning(
                    request,
                    _(
                        "Your entry is a draft again: the jury will not see it unless you submit "
                        "it again in %(category)s by %(deadline)s (Stockholm time). It gets a new "
                        "reference then."
                    )
                    % {
                        "category": category.name,
                        "deadline": date_format(
                            timezone.localtime(category.closes_at), "j F Y, H:i"
                        ),
                    },
                )
            return redirect(outcome.entry)
    return render(
        request,
        "submissions/entry_move.html",
        {
            "entry": entry,
            "form": form,
            "categories": categories,
            "refusal": move_services.entry_move_refusal(entry=entry, now=now),
            "now": now,
        },
    )
