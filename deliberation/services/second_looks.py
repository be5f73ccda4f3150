"""A second look where it matters: after a round closes, extra reviews for the entries nearest
the cut or with the largest disagreement, proposed by judging's min-cost-flow solver (conflicts
and loads respected), previewed, then confirmed by the chair."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_record
from deliberation.enums import SecondLookBasis
from deliberation.models import SecondLook
from judging.access import may_chair
from judging.assignment_solver import Infeasible, assignment_solve
from judging.enums import ConflictStatus, JuryRole, RoundStatus
from judging.models import Assignment, Conflict, JuryMember, Round
from judging.results_rows import results_for_viewer
from judging.tasks import assignments_notify


@dataclass
class SecondLookPlan:
    round: Round
    entries: list[dict] = field(default_factory=list)  # the results rows chosen
    new_pairs: list[tuple[dict, object]] = field(default_factory=list)  # (entry row, judge)
    shortfalls: list[tuple[dict, str]] = field(default_factory=list)
    loads: list[tuple[object, int, int]] = field(default_factory=list)  # judge, before, after
    digest: str = ""

    @property
    def feasible(self) -> bool:
        return not self.shortfalls


def _shortfall_text(shortfall) -> str:
    needs = ngettext(
        "needs %(count)d more judge; ", "needs %(count)d more judges; ", shortfall.needed
    )
    only = ngettext(
        "only %(count)d judge neither conflicted nor already assigned",
        "only %(count)d judges neither conflicted nor already assigned",
        shortfall.eligible,
    )
    return needs % {"count": shortfall.needed} + only % {"count": shortfall.eligible}


def second_look_entries(*, round: Round, by, basis: str, count: int, top_n: int) -> list[dict]:
    """The `count` scored entries nearest the top-`top_n` cut, or with the largest spread of
    the judges' scores, as `by` may see them."""
    rows = [
        row
        for row in results_for_viewer(round=round, user=by, method="mean", top_n=top_n).rows
        if row.get("rank") is not None
    ]
    if basis == SecondLookBasis.CUT:
        rows.sort(key=lambda row: (abs(row["rank"] - (top_n + 0.5)), row["rank"]))
    else:
        rows.sort(key=lambda row: (-(row.get("sd") or 0.0), row["rank"]))
    return rows[:count]


def second_look_plan(
    *, round: Round, by, basis: str, count: int, extra: int, top_n: int
) -> SecondLookPlan:
    """Propose `extra` more judges for each chosen entry: never a conflicted (or flagged) pair
    nor a judge already assigned, the load spread evenly over the active judges counting what
    they already hold in the round. Reads only."""
    plan = SecondLookPlan(round=round)
    plan.entries = second_look_entries(round=round, by=by, basis=basis, count=count, top_n=top_n)
    ids = [row["entry_id"] for row in plan.entries]
    active = {
        member.user_id: member.user
        for member in JuryMember.objects.filter(
            category_id=round.category_id, user__isnull=False, role=JuryRole.JUDGE, active=True
        ).select_related("user")
    }
    barred = set(
        Conflict.objects.filter(
            entry_id__in=ids, status__in=[ConflictStatus.CONFIRMED, ConflictStatus.FLAGGED]
        ).values_list("entry_id", "judge_id")
    )
    barred |= set(
        Assignment.objects.filter(round=round, entry_id__in=ids).values_list("entry_id", "judge_id")
    )
    loads = Counter(
        Assignment.objects.filter(round=round, judge_id__in=list(active)).values_list(
            "judge_id", flat=True
        )
    )
    if not ids or not active:
        plan.shortfalls = [(row, _("no active judge on the jury")) for row in plan.entries]
        return plan
    # Pairs already assigned go in as barred rather than as kept: each chosen entry gets
    # `extra` more reviews, whatever it has now.
    result = assignment_solve(
        entries=ids, judges=list(active), k=extra, conflicts=barred, loads=dict(loads)
    )
    rows = {row["entry_id"]: row for row in plan.entries}
    if isinstance(result, Infeasible):
        plan.shortfalls = [(rows[s.entry], _shortfall_text(s)) for s in result.shortfalls]
        after = loads
    else:
        plan.new_pairs = [(rows[entry], active[judge]) for entry, judge in result.new_pairs]
        after = Counter(result.loads)
    plan.loads = sorted(
        ((judge, loads[pk], after[pk]) for pk, judge in active.items() if after[pk] != loads[pk]),
        key=lambda row: str(row[0]).lower(),
    )
    text = ",".join(f"{row['entry_id']}:{judge.pk}" for row, judge in plan.new_pairs)
    plan.digest = hashlib.sha256(text.encode()).hexdigest()
    return plan


@transaction.atomic
def second_look_request(
    *, round: Round, by, basis: str, count: int, extra: int, top_n: int, deadline, digest: str
) -> SecondLook:
    """Create the extra assignments the chair previewed (`digest`), if the proposal still
    stands. Their judges may review them until `deadline` although the round is closed.
    Writes `second_look.request`; queues each judge's assignment email."""
    round = Round.objects.select_for_update().select_related("category__edition").get(pk=round.pk)
    if not may_chair(user=by, category=round.category):
        raise PermissionDenied
    if round.status != RoundStatus.CLOSED:
        raise ValidationError(_("A second look comes after the round closes."), code="open")
    plan = second_look_plan(round=round, by=by, basis=basis, count=count, extra=extra, top_n=top_n)
    if plan.digest != digest:
        raise ValidationError(
            _("The proposal changed since the preview. Check the new one."), code="stale"
        )
    if not plan.feasible or not plan.new_pairs:
        raise ValidationError(_("Some entries cannot get enough judges."), code="infeasible")
    look = SecondLook.objects.create(
        round=round,
        basis=basis,
        entries=len(plan.entries),
        extra_reviews=extra,
        top_n=top_n,
        deadline=deadline,
        requested_by=by,
    )
    created = Assignment.objects.bulk_create(
        [
            Assignment(round=round, entry_id=row["entry_id"], judge=judge, created_by=by)
            for row, judge in plan.new_pairs
        ]
    )
    look.assignments.set(created)
    audit_record(
        actor=by,
        action="second_look.request",
        target=round,
        summary=f"{len(created)} extra reviews for {len(plan.entries)} entries",
        data={
            "round": round.pk,
            "basis": basis,
            "entries": [row["entry_id"] for row in plan.entries],
            "assignments": len(created),
            "deadline": deadline.isoformat(),
        },
        edition=round.category.edition,
    )
    for judge_id in sorted({judge.pk for _row, judge in plan.new_pairs}):
        assignments_notify.enqueue(round_id=round.pk, judge_id=judge_id)
    return look


def second_look_window(*, assignment, now) -> bool:
    """Registered with judging's review windows: a second-look assignment stays open for its
    review until the second look's deadline."""
    return SecondLook.objects.filter(assignments=assignment, deadline__gt=now).exists()
