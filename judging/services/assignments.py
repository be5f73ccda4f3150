"""Assignments: the chair's manual changes and the automatic proposal, and telling judges."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_record
from judging.access import has_seat
from judging.assignment_solver import Infeasible, Shortfall, assignment_solve
from judging.enums import ConflictStatus, JuryRole, ReviewStatus
from judging.models import Assignment, Conflict, JuryMember, Round
from judging.services.conflicts import conflicts_detect
from judging.services.rounds_population import round_entries_populate, round_entries_qualifying
from judging.tasks import assignments_notify
from submissions.models import Entry


@dataclass
class AssignmentPlan:
    """What automatic assignment would do to a round: shown as a preview, then applied."""

    round: Round
    kept: list[Assignment] = field(default_factory=list)
    dropped: list[Assignment] = field(default_factory=list)  # judges gone, or now conflicted
    new_pairs: list[tuple[Entry, object]] = field(default_factory=list)  # (entry, judge)
    shortfalls: list[tuple[Entry, str]] = field(default_factory=list)  # (entry, reason)
    loads: list[tuple[object, int, int]] = field(default_factory=list)  # (judge, before, after)
    digest: str = ""

    @property
    def feasible(self) -> bool:
        return not self.shortfalls

    @property
    def changes(self) -> bool:
        return bool(self.new_pairs or self.dropped)


def shortfall_reason(shortfall: Shortfall) -> str:
    """E.g. "needs 2 more judges; only 1 eligible judge (3 conflicted, 1 inactive)"."""
    needs = ngettext(
        "needs %(count)d more judge", "needs %(count)d more judges", shortfall.needed
    ) % {"count": shortfall.needed}
    eligible = ngettext(
        "only %(count)d eligible judge", "only %(count)d eligible judges", shortfall.eligible
    ) % {"count": shortfall.eligible}
    why = _("%(conflicted)d conflicted, %(inactive)d inactive") % {
        "conflicted": shortfall.conflicted,
        "inactive": shortfall.inactive,
    }
    return f"{needs}; {eligible} ({why})"


def assignment_plan(*, round: Round) -> AssignmentPlan:
    """Propose judges for every entry of the round so each has `reviews_per_entry`, with no
    conflicted pair (confirmed or still flagged) and the load spread evenly.

    Kept: assignments of active judges, and every submitted review. Dropped: unreviewed
    assignments of judges who left the jury or are now conflicted. Reads only.
    """
    entries = list(
        round_entries_qualifying(round=round)
        .only("pk", "reference", "title", "number")
        .order_by("number", "pk")
    )
    entry_ids = [entry.pk for entry in entries]
    members = list(
        JuryMember.objects.filter(
            category_id=round.category_id, user__isnull=False, role=JuryRole.JUDGE
        ).select_related("user")
    )
    active = {member.user_id: member.user for member in members if member.active}
    inactive = {member.user_id for member in members if not member.active} - set(active)
    conflicts = set(
        Conflict.objects.filter(
            entry_id__in=entry_ids,
            status__in=[ConflictStatus.CONFIRMED, ConflictStatus.FLAGGED],
        ).values_list("entry_id", "judge_id")
    )
    plan = AssignmentPlan(round=round)
    plan.kept, plan.dropped = _kept_and_dropped(round=round, active=active, conflicts=conflicts)
    # A conflicted judge's review is left out of the results, so it does not count towards k.
    in_round = set(entry_ids)
    counted = {
        (a.entry_id, a.judge_id)
        for a in plan.kept
        if a.entry_id in in_round and (a.entry_id, a.judge_id) not in conflicts
    }
    loads = Counter(a.judge_id for a in plan.kept if a.judge_id in active)
    result = assignment_solve(
        entries=entry_ids,
        judges=list(active),
        k=round.reviews_per_entry,
        conflicts=conflicts,
        existing=counted,
        loads=dict(loads),
        inactive_judges=inactive,
    )
    _plan_fill(plan, result=result, entries=entries, active=active, loads=loads)
    plan.digest = _digest(plan)
    return plan


def _kept_and_dropped(*, round: Round, active, conflicts) -> tuple[list, list]:
    """The round's assignments split into those kept (every submitted review, and active judges
    without a conflict) and those the plan would drop."""
    kept, dropped = [], []
    assignments = (
        Assignment.objects.filter(round=round)
        .select_related("judge", "entry", "review")
        .order_by("entry_id", "judge_id")
    )
    for assignment in assignments:
        pair = (assignment.entry_id, assignment.judge_id)
        reviewed = _reviewed(assignment)
        if reviewed or (assignment.judge_id in active and pair not in conflicts):
            kept.append(assignment)
        else:
            dropped.append(assignment)
    return kept, dropped


def _plan_fill(plan: AssignmentPlan, *, result, entries, active, loads: Counter) -> None:
    """The solver's answer in the plan's terms: new pairs or shortfalls, and each judge's load
    before and after."""
    by_id = {entry.pk: entry for entry in entries}
    if isinstance(result, Infeasible):
        plan.shortfalls = [
            (by_id[shortfall.entry], shortfall_reason(shortfall)) for shortfall in result.shortfalls
        ]
        after = loads
    else:
        plan.new_pairs = [
            (by_id[entry_id], active[judge_id]) for entry_id, judge_id in result.new_pairs
        ]
        after = Counter(result.loads)
    plan.loads = sorted(
        ((judge, loads[judge_id], after[judge_id]) for judge_id, judge in active.items()),
        key=lambda row: (str(row[0]).lower(), row[0].pk),
    )


def _reviewed(assignment: Assignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is not None and review.status == ReviewStatus.SUBMITTED


def _digest(plan: AssignmentPlan) -> str:
    """A fingerprint of the proposed changes: confirming applies only what the chair saw."""
    text = "|".join(
        [
            ",".join(f"{entry.pk}:{judge.pk}" for entry, judge in plan.new_pairs),
            ",".join(str(a.pk) for a in plan.dropped),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def assignment_plan_apply(*, round: Round, digest: str, actor) -> AssignmentPlan:
    """Apply the automatic proposal the chair previewed, if it still stands.

    Locks the round, brings its entries up to date, recomputes the plan and refuses when it
    differs from the preview (`digest`) or is infeasible; flags new affiliation conflicts first
    (`conflicts_detect`). Deletes dropped assignments, creates the
    new ones, writes the audit events `assignment.remove`/`assignment.create` per pair and
    `assignment.auto` once, and queues one email per judge with new work.
    """
    # Entries submitted since the last check may share an affiliation with a judge. The flags are
    # committed on their own: a new one changes the plan, and the chair then sees it in a fresh
    # preview before anything is assigned.
    conflicts_detect(category=round.category, actor=actor)
    with transaction.atomic():
        return _plan_apply(round=round, digest=digest, actor=actor)


def _plan_apply(*, round: Round, digest: str, actor) -> AssignmentPlan:
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    round_entries_populate(round=round, actor=actor)
    plan = assignment_plan(round=round)
    if plan.digest != digest:
        raise ValidationError(
            _("The assignment changed since the preview. Check the new proposal."), code="stale"
        )
    if not plan.feasible:
        raise ValidationError(_("Some entries cannot get enough judges."), code="infeasible")
    edition = round.category.edition
    for assignment in plan.dropped:
        _audit(assignment=assignment, action="assignment.remove", actor=actor, edition=edition)
        assignment.delete()
    created = Assignment.objects.bulk_create(
        [
            Assignment(round=round, entry=entry, judge=judge, created_by=actor)
            for entry, judge in plan.new_pairs
        ]
    )
    for assignment in created:
        _audit(assignment=assignment, action="assignment.create", actor=actor, edition=edition)
    audit_record(
        actor=actor,
        action="assignment.auto",
        target=round,
        summary=f"{len(plan.new_pairs)} assignments added, {len(plan.dropped)} removed",
        data={"added": len(plan.new_pairs), "removed": len(plan.dropped)},
        edition=edition,
    )
    for judge_id in sorted({judge.pk for _entry, judge in plan.new_pairs}):
        _notify(round=round, judge_id=judge_id)
    return plan


@transaction.atomic
def assignment_add(*, round: Round, entry: Entry, judge, actor) -> Assignment:
    """The chair assigns one judge to one entry of the round.

    Refuses judges off the jury or inactive, conflicted (or flagged) pairs and entries outside the
    round. Writes the audit event `assignment.create`; queues the judge's email.
    """
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    if not has_seat(user=judge, category=round.category):
        raise ValidationError(_("This person is not an active member of the jury."), code="jury")
    if not round.round_entries.filter(entry=entry).exists():
        raise ValidationError(_("This entry is not in the round."), code="entry")
    if Conflict.objects.filter(
        entry=entry, judge=judge, status__in=[ConflictStatus.CONFIRMED, ConflictStatus.FLAGGED]
    ).exists():
        raise ValidationError(
            _("This judge has a conflict of interest with the entry (or a flag to check)."),
            code="conflict",
        )
    assignment, created = Assignment.objects.get_or_create(
        round=round, entry=entry, judge=judge, defaults={"created_by": actor}
    )
    if not created:
        raise ValidationError(_("This judge is already assigned to the entry."), code="duplicate")
    _audit(
        assignment=assignment,
        action="assignment.create",
        actor=actor,
        edition=round.category.edition,
    )
    _notify(round=round, judge_id=judge.pk)
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor) -> None:
    """The chair takes an assignment away, unless its review was submitted.

    Writes the audit event `assignment.remove`; a draft review goes with it.
    """
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("round__category__edition")
        .get(pk=assignment.pk)
    )
    if Assignment.objects.filter(pk=assignment.pk, review__status=ReviewStatus.SUBMITTED).exists():
        raise ValidationError(
            _("The judge has submitted this review; it cannot be removed."), code="reviewed"
        )
    _audit(
        assignment=assignment,
        action="assignment.remove",
        actor=actor,
        edition=assignment.round.category.edition,
    )
    assignment.delete()


def _notify(*, round: Round, judge_id: int) -> None:
    # Enqueued inside the transaction: with the database task backend the task row commits (or
    # rolls back) together with the assignments it announces.
    assignments_notify.enqueue(round_id=round.pk, judge_id=judge_id)


def _audit(*, assignment: Assignment, action: str, actor, edition) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=assignment,
        summary=f"{assignment.judge_id} → {assignment.entry_id} in round {assignment.round_id}",
        data={
            "round": assignment.round_id,
            "entry": assignment.entry_id,
            "reference": assignment.entry.reference,
            "judge": assignment.judge_id,
            "judge_email": assignment.judge.email,
        },
        edition=edition,
    )
