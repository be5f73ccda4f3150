"""The edition's publication: checklist, the outcome emails, publish (now or later), unpublish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publishing.access import get_edition_for_organiser
from publishing.emails import outcome_email_previews
from publishing.forms import PublishForm
from publishing.selectors import edition_checklist
from publishing.services.publication import edition_publish, edition_unpublish


@login_required
def edition_publication(request, pk):
    edition = get_edition_for_organiser(request, pk)
    return _page(request, edition, form=PublishForm())


@login_required
@require_POST
def edition_publish_view(request, pk):
    edition = get_edition_for_organiser(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _page(request, edition, form=form, status=400)
    try:
        edition_publish(edition=edition, at=form.publish_at, by=request.user)
    except ValidationError as error:
        # Redirected, so reloading the page never submits the publication again.
        messages.error(request, _("Not published:") + " " + " ".join(error.messages))
        return redirect("publishing:edition-publication", pk=edition.pk)
    if form.publish_at:
        messages.success(request, _("Scheduled: results and winner pages go public then."))
    else:
        messages.success(request, _("Published: results and winner pages are public."))
    return redirect("publishing:edition-publication", pk=edition.pk)


@login_required
@require_POST
def edition_unpublish_view(request, pk):
    edition = get_edition_for_organiser(request, pk)
    edition_unpublish(edition=edition, by=request.user)
    messages.success(request, _("Unpublished: results and winner pages are drafts again."))
    return redirect("publishing:edition-publication", pk=edition.pk)


def _page(request, edition, *, form, status=200):
    checklist = edition_checklist(edition=edition)
    return render(
        request,
        "publishing/edition_publication.html",
        {
            "edition": edition,
            "checklist": checklist,
            "ready": all(item.ok for item in checklist),
            "form": form,
            "previews": outcome_email_previews(edition=edition),
            "public": edition.results_are_public(),
        },
        status=status,
    )
