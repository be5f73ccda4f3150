"""The outbox: every email queued, sent or failed with the reason, and "send again" for a failed
one.

The whole outbox spans every award, so its list is the back office's (superusers). Organisers
see the failed emails of their own entries and jury on those pages, and may send them again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import user_is_organiser, user_organises
from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail
from outbox.selectors import outgoing_email_counts, outgoing_emails_list
from outbox.services.queue import outgoing_email_retry

EMAILS_PER_PAGE = 50


@login_required
def email_list(request):
    if not request.user.is_superuser:
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


def _award_of(related):
    """The award an email's object belongs to: entries and jury seats have a category,
    assignments a round. Read by attribute, as accounts imports none of the apps above it."""
    category = getattr(related, "category", None)
    if category is None and getattr(related, "round", None) is not None:
        category = related.round.category
    return category.edition.award if category is not None else None


@login_required
@require_POST
def email_retry(request, pk):
    if not user_is_organiser(request.user, perm="outbox.change_outgoingemail"):
        raise Http404
    email = get_object_or_404(OutgoingEmail, pk=pk, state=OutgoingEmailState.FAILED)
    if not request.user.is_superuser:
        award = _award_of(email.related)
        if award is None or not user_organises(request.user, award=award):
            raise Http404
    email = outgoing_email_retry(email=email, actor=request.user)
    if email.state == OutgoingEmailState.SENT:
        messages.success(request, _("The email to %(to)s has been sent.") % {"to": email.to})
    else:
        messages.info(request, _("The email to %(to)s is queued again.") % {"to": email.to})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or ("accounts:email-list" if request.user.is_superuser else "home"))
