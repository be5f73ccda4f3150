"""The outbox for organisers: every email queued, sent or failed with the reason, and "send
again" for a failed one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import user_is_organiser
from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail
from outbox.selectors import outgoing_email_counts, outgoing_emails_list
from outbox.services.queue import outgoing_email_retry

EMAILS_PER_PAGE = 50


@login_required
def email_list(request):
    if not user_is_organiser(request.user, perm="outbox.view_outgoingemail"):
        raise Http404
    state = request.GET.get("state", "")
    if state not in OutgoingEmailState.values:
        state = ""
    page = Paginator(outgoing_emails_list(state=state), EMAILS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/email_list.html",
        {
            "page": page,
            "state": state,
            "states": OutgoingEmailState.choices,
            "counts": outgoing_email_counts(),
            "may_retry": user_is_organiser(request.user, perm="outbox.change_outgoingemail"),
        },
    )


@login_required
@require_POST
def email_retry(request, pk):
    if not user_is_organiser(request.user, perm="outbox.change_outgoingemail"):
        raise Http404
    email = get_object_or_404(OutgoingEmail, pk=pk, state=OutgoingEmailState.FAILED)
    email = outgoing_email_retry(email=email, actor=request.user)
    if email.state == OutgoingEmailState.SENT:
        messages.success(request, _("The email to %(to)s has been sent.") % {"to": email.to})
    else:
        messages.info(request, _("The email to %(to)s is queued again.") % {"to": email.to})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "accounts:email-list")
