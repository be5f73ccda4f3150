"""Conflicts of interest: the chair's list (flags to confirm or dismiss, conflicts to add) and
the judges' declaration page, which shows titles and pitches only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from judging.access import (
    entry_ids_hidden_from_chair,
    get_category_for_chair,
    may_chair,
    seated_category_ids,
)
from judging.enums import ConflictStatus
from judging.forms import ConflictAddForm, ConflictDeclareForm
from judging.models import Conflict
from judging.services import conflicts as conflict_services
from submissions.enums import EntryStatus
from submissions.models import Entry


@login_required
def conflict_list(request, category_id):
    category = get_category_for_chair(request, category_id)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=category)
    form = ConflictAddForm(request.POST or None, category=category, hidden_entry_ids=hidden)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(actor=request.user)
        except ValidationError:
            pass  # the form shows why, next to the judge
        else:
            messages.success(request, _("The conflict of interest has been recorded."))
            return redirect("judging:conflict-list", category_id=category.pk)
    conflicts = (
        Conflict.objects.filter(entry__category=category)
        .exclude(entry_id__in=hidden)
        .select_related("entry", "judge", "resolved_by")
        .order_by("entry__number", "entry_id", "judge__email")
    )
    flagged = [c for c in conflicts if c.status == ConflictStatus.FLAGGED]
    decided = [c for c in conflicts if c.status != ConflictStatus.FLAGGED]
    return render(
        request,
        "judging/conflict_list.html",
        {"category": category, "flagged": flagged, "decided": decided, "form": form},
    )


@login_required
@require_POST
def conflict_resolve(request, pk):
    conflict = get_object_or_404(Conflict.objects.select_related("entry__category"), pk=pk)
    category = conflict.entry.category
    if not may_chair(user=request.user, category=category) or conflict.entry_id in (
        entry_ids_hidden_from_chair(user=request.user, category=category)
    ):
        raise Http404
    decision = request.POST.get("decision")
    if decision not in ("confirm", "dismiss"):
        messages.error(request, _("Choose to confirm or to dismiss the flag."))
    else:
        try:
            conflict_services.conflict_resolve(
                conflict=conflict, confirm=decision == "confirm", actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Conflict confirmed.") if decision == "confirm" else _("Flag dismissed."),
            )
    return redirect("judging:conflict-list", category_id=category.pk)


@login_required
@require_POST
def conflicts_check(request, category_id):
    category = get_category_for_chair(request, category_id)
    flags = conflict_services.conflicts_detect(category=category, actor=request.user)
    messages.info(
        request,
        ngettext(
            "%(count)d new possible conflict flagged.",
            "%(count)d new possible conflicts flagged.",
            len(flags),
        )
        % {"count": len(flags)},
    )
    return redirect("judging:conflict-list", category_id=category.pk)


@login_required
def conflict_declare(request):
    """Every active jury member declares conflicts for the entries of their categories, from the
    title and pitch alone: no names, team or organisation, whatever the round's blindness."""
    category_ids = seated_category_ids(user=request.user)
    if not category_ids:
        raise Http404
    entries = (
        Entry.objects.filter(category_id__in=category_ids, status=EntryStatus.SUBMITTED)
        .select_related("category__edition__award")
        .only(
            "pk", "reference", "title", "pitch", "category",
            "category__name_en", "category__name_sv", "category__position",
            "category__edition__year", "category__edition__award__name_en",
            "category__edition__award__name_sv",
        )
        .order_by(
            "category__edition__award__name_en", "-category__edition__year",
            "category__position", "category_id", "number", "pk",
        )
    )  # fmt: skip
    if request.method == "POST":
        entry_id = request.POST.get("entry", "")
        entry = get_object_or_404(entries, pk=int(entry_id) if entry_id.isdigit() else 0)
        form = ConflictDeclareForm(request.POST, prefix=f"e{entry.pk}")
        if form.is_valid():
            form.save(judge=request.user, entry=entry)
            messages.success(
                request,
                _("Conflict declared for %(entry)s. You will not see this entry again.")
                % {"entry": entry.title or entry},
            )
            return redirect("judging:conflict-declare")
        invalid = {entry.pk: form}
    else:
        invalid = {}
    declared = set(
        Conflict.objects.filter(judge=request.user, status=ConflictStatus.CONFIRMED).values_list(
            "entry_id", flat=True
        )
    )
    # Grouped by award and category, in the page's order: a judge on several juries finds theirs.
    groups: dict[int, dict] = {}
    for entry in entries:
        if entry.pk in declared:
            continue
        group = groups.setdefault(entry.category_id, {"category": entry.category, "rows": []})
        group["rows"].append(
            (entry, invalid.get(entry.pk) or ConflictDeclareForm(prefix=f"e{entry.pk}"))
        )
    return render(
        request,
        "judging/conflict_declare.html",
        {"groups": list(groups.values()), "declared_count": len(declared)},
    )
