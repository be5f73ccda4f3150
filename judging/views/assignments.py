"""The chair's assignment page for a round: loads, manual changes, automatic proposal."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from judging.access import entry_ids_hidden_from_chair, get_round_for_chair, may_chair
from judging.enums import ConflictStatus, JuryRole, ReviewStatus
from judging.forms import AssignmentAddForm
from judging.models import Assignment, Conflict, JuryMember
from judging.services import assignments as assignment_services
from judging.services.rounds_population import round_entries_populate
from submissions.models import Entry


@login_required
def assignment_list(request, round_id):
    round = get_round_for_chair(request, round_id)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    assignments = Assignment.objects.select_related("judge", "review").order_by("judge__email")
    entries = list(
        Entry.objects.filter(round_entries__round=round)
        .prefetch_related(
            Prefetch("assignments", queryset=assignments.filter(round=round), to_attr="in_round")
        )
        .order_by("number", "pk")
    )
    members = list(
        JuryMember.objects.filter(category_id=round.category_id, user__isnull=False)
        .select_related("user")
        .order_by("role", "user__email")
    )
    loads = Counter()
    unfinished = Counter()
    for entry in entries:
        for assignment in entry.in_round:
            loads[assignment.judge_id] += 1
            review = getattr(assignment, "review", None)
            if review is None or review.status != ReviewStatus.SUBMITTED:
                unfinished[assignment.judge_id] += 1
    flagged = Conflict.objects.filter(
        entry__round_entries__round=round, status=ConflictStatus.FLAGGED
    ).count()
    judges = [
        (member, loads[member.user_id], unfinished[member.user_id])
        for member in members
        if member.role == JuryRole.JUDGE or loads[member.user_id]
    ]
    return render(
        request,
        "judging/assignment_list.html",
        {
            "round": round,
            "category": round.category,
            "entries": entries,
            "hidden": hidden,
            "judges": judges,
            "flagged": flagged,
            "form": AssignmentAddForm(round=round, hidden_entry_ids=hidden),
        },
    )


@login_required
@require_POST
def assignment_add(request, round_id):
    round = get_round_for_chair(request, round_id)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    form = AssignmentAddForm(request.POST, round=round, hidden_entry_ids=hidden)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("judging:assignment-list", round_id=round.pk)
    try:
        form.save(round=round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Assigned; the judge has been told by email."))
    return redirect("judging:assignment-list", round_id=round.pk)


@login_required
@require_POST
def assignment_remove(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("round__category"), pk=pk)
    category = assignment.round.category
    if not may_chair(user=request.user, category=category) or assignment.entry_id in (
        entry_ids_hidden_from_chair(user=request.user, category=category)
    ):
        raise Http404
    try:
        assignment_services.assignment_remove(assignment=assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Assignment removed."))
    return redirect("judging:assignment-list", round_id=assignment.round_id)


@login_required
@require_POST
def round_entries_update(request, round_id):
    round = get_round_for_chair(request, round_id)
    added, removed = round_entries_populate(round=round, actor=request.user)
    messages.info(
        request,
        _("Entries in the round updated: %(added)d added, %(removed)d taken out.")
        % {"added": added, "removed": removed},
    )
    return redirect("judging:assignment-list", round_id=round.pk)


@login_required
def assignment_propose(request, round_id):
    """The preview: what automatic assignment would add, keep and remove, or why it cannot."""
    round = get_round_for_chair(request, round_id)
    plan = assignment_services.assignment_plan(round=round)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    return render(
        request,
        "judging/assignment_propose.html",
        {"round": round, "category": round.category, "plan": plan, "hidden": hidden},
    )


@login_required
@require_POST
def assignment_confirm(request, round_id):
    round = get_round_for_chair(request, round_id)
    try:
        plan = assignment_services.assignment_plan_apply(
            round=round, digest=request.POST.get("digest", ""), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("judging:assignment-propose", round_id=round.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d assignment added; the judges have been told by email.",
            "%(count)d assignments added; the judges have been told by email.",
            len(plan.new_pairs),
        )
        % {"count": len(plan.new_pairs)},
    )
    return redirect("judging:assignment-list", round_id=round.pk)
