"""The organiser's outbox: the emails about their own awards' entries and jury, with the
reason a failed one failed, and "send again"."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import user_is_organiser
from console.selectors.outbox import outbox_counts_for_organiser, outbox_for_organiser
from outbox.enums import OutgoingEmailState

EMAILS_PER_PAGE = 50


@login_required
@require_GET
def outbox(request):
    if not user_is_organiser(request.user, perm="outbox.view_outgoingemail"):
        raise Http404
    state = request.GET.get("state", "")
    if state not in OutgoingEmailState.values:
        state = ""
    emails = outbox_for_organiser(user=request.user, state=state)
    page = Paginator(emails, EMAILS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/email_list.html",
        {
            "page": page,
            "state": state,
            "states": OutgoingEmailState.choices,
            "counts": outbox_counts_for_organiser(user=request.user),
            "may_retry": user_is_organiser(request.user, perm="outbox.change_outgoingemail"),
        },
    )
