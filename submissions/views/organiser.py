"""Organiser pages: entries per edition, one entry, eligibility, moving an entry to another
category, CSV export and the audit log.

Only organisers of the edition's award holding `submissions.view_entry` see them (`change_entry`
to set eligibility or move); everyone else gets a 404, so the pages do not even admit to existing.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import organised_award_filter, user_is_organiser, user_organises
from awards.models import Edition
from submissions.exports import csv_stream, entry_export_rows
from submissions.forms import EligibilityForm, EntryFilterForm, OrganiserEntryMoveForm
from submissions.models import Entry
from submissions.rules import EntryActionRefused
from submissions.selectors import (
    audit_events_for_edition,
    audit_events_for_entry,
    entries_for_organiser,
    entry_answers_by_question,
    entry_for_organiser,
)
from submissions.services.eligibility import entry_eligibility_set
from submissions.services.moves import entry_move_by_organiser

ENTRIES_PER_PAGE = 50
EVENTS_PER_PAGE = 100


def organiser_required(perm: str = "submissions.view_entry"):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not user_is_organiser(request.user, perm=perm):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _get_edition(request, pk, *, perm: str = "submissions.view_entry") -> Edition:
    """The edition, for an organiser of its award; 404 for anyone else."""
    edition = get_object_or_404(Edition.objects.select_related("award"), pk=pk)
    if not user_organises(request.user, award=edition.award, perm=perm):
        raise Http404
    return edition


def _get_entry(request, pk, *, perm: str = "submissions.view_entry") -> Entry:
    """The entry, for an organiser of its award; 404 for anyone else."""
    try:
        entry = entry_for_organiser(pk=pk)
    except Entry.DoesNotExist:
        raise Http404 from None
    if not user_organises(request.user, award=entry.category.edition.award, perm=perm):
        raise Http404
    return entry


@require_GET
@organiser_required()
def organiser_edition_list(request):
    editions = (
        Edition.objects.filter(**organised_award_filter(request.user, prefix="award__"))
        .select_related("award")
        .order_by("-year", "award__name_en")
    )
    return render(request, "submissions/organiser_edition_list.html", {"editions": editions})


@require_GET
@organiser_required()
def organiser_entry_list(request, edition_pk):
    edition = _get_edition(request, edition_pk)
    form = EntryFilterForm(request.GET or None, edition=edition)
    entries = entries_for_organiser(edition=edition, **form.filters())
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "submissions/organiser_entry_list.html",
        {"edition": edition, "form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
@organiser_required()
def organiser_entry_export(request, edition_pk):
    """CSV streamed row by row: the whole edition never sits in memory at once."""
    edition = _get_edition(request, edition_pk)
    form = EntryFilterForm(request.GET or None, edition=edition)
    entries = entries_for_organiser(edition=edition, **form.filters())
    filename = f"entries-{edition.award.slug}-{edition.year}-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(
        csv_stream(entry_export_rows(edition=edition, entries=entries)),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
    return response


@require_GET
@organiser_required()
def organiser_entry_detail(request, pk):
    entry = _get_entry(request, pk)
    return render(request, "submissions/organiser_entry_detail.html", _detail_context(entry))


def _detail_context(
    entry: Entry,
    *,
    form: EligibilityForm | None = None,
    move_form: OrganiserEntryMoveForm | None = None,
) -> dict:
    action = reverse("submissions:organiser-entry-eligibility", kwargs={"pk": entry.pk})
    return {
        "entry": entry,
        "edition": entry.category.edition,
        "questions": entry_answers_by_question(entry=entry),
        "team": entry.team.select_related("user"),
        "versions": entry.versions.select_related("submitted_by"),
        "events": audit_events_for_entry(entry=entry),
        "eligibility_form": form
        or EligibilityForm(
            initial={"eligibility": entry.eligibility, "reason": entry.ineligible_reason},
            action=action,
        ),
        "move_form": move_form or _move_form(entry),
    }


@require_POST
@organiser_required("submissions.change_entry")
def organiser_entry_eligibility(request, pk):
    entry = _get_entry(request, pk, perm="submissions.change_entry")
    action = reverse("submissions:organiser-entry-eligibility", kwargs={"pk": entry.pk})
    form = EligibilityForm(request.POST, action=action)
    if form.is_valid():
        try:
            entry_eligibility_set(
                entry=entry,
                eligibility=form.cleaned_data["eligibility"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The eligibility has been saved."))
            return redirect("submissions:organiser-entry-detail", pk=entry.pk)
    return render(
        request,
        "submissions/organiser_entry_detail.html",
        _detail_context(entry, form=form),
        status=400,
    )


@require_GET
@organiser_required()
def organiser_audit_list(request, edition_pk):
    edition = _get_edition(request, edition_pk)
    events = audit_events_for_edition(edition=edition, action=request.GET.get("action", ""))
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "submissions/organiser_audit_list.html",
        {"edition": edition, "page": page, "entry_type": Entry._meta.label_lower},
    )


def _move_form(entry: Entry, data=None) -> OrganiserEntryMoveForm:
    action = reverse("submissions:organiser-entry-move", kwargs={"pk": entry.pk})
    return OrganiserEntryMoveForm(data, entry=entry, action=action)


@require_POST
@organiser_required("submissions.change_entry")
def organiser_entry_move(request, pk):
    """Move the entry to another category of its edition (`entry_move_by_organiser` says what a
    move changes), then back to the entry's page."""
    entry = _get_entry(request, pk, perm="submissions.change_entry")
    form = _move_form(entry, request.POST)
    if form.is_valid():
        try:
            entry = entry_move_by_organiser(
                entry=entry,
                category=form.cleaned_data["category"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except EntryActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if entry.reference:
                message = _(
                    "The entry is now in %(category)s, with the reference %(reference)s. Its team "
                    "has been told by email."
                )
            else:
                message = _("The entry is now in %(category)s. Its team has been told by email.")
            messages.success(
                request, message % {"category": entry.category.name, "reference": entry.reference}
            )
            return redirect("submissions:organiser-entry-detail", pk=entry.pk)
    return render(
        request,
        "submissions/organiser_entry_detail.html",
        _detail_context(entry, move_form=form),
        status=400,
    )
