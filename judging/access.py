"""Who on a jury may see what. Every judge-facing view, export and service goes through these.

The rule at the bottom of all of them: jury access follows an **active seat** on the category's
jury (`jury_seats`). A judge whose seat is deactivated or deleted loses every assignment, review,
file and results page of that category at their next request, whatever session they hold.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.navbar import JURY_NAV_SESSION_KEY
from accounts.roles import user_organises
from awards.models import Category
from judging.enums import ConflictStatus, JuryRole
from judging.models import Assignment, Conflict, JuryMember, Round


def jury_nav_remember(sender, request, user, **kwargs) -> None:
    """At sign-in (Django's user_logged_in): remember in the session whether to show the Jury
    link, so the navbar needs no query on every page."""
    if request is not None and hasattr(request, "session"):
        request.session[JURY_NAV_SESSION_KEY] = jury_seats(user=user).exists()


def jury_seats(*, user, role: str | None = None) -> QuerySet[JuryMember]:
    """The user's active seats, on every jury or (with `role`) in that role. The one definition
    of "on the jury" that every check below builds on."""
    if not user.is_authenticated:
        return JuryMember.objects.none()
    seats = JuryMember.objects.filter(user=user, active=True)
    return seats.filter(role=role) if role else seats


def has_seat(*, user, category, role: str | None = None) -> bool:
    return jury_seats(user=user, role=role).filter(category=category).exists()


def seated_category_ids(*, user) -> list[int]:
    return list(jury_seats(user=user).values_list("category_id", flat=True))


def conflicted_entry_ids(*, judge) -> set[int]:
    """Entries the judge has a confirmed conflict with: never assigned, never shown."""
    return set(
        Conflict.objects.filter(judge=judge, status=ConflictStatus.CONFIRMED).values_list(
            "entry_id", flat=True
        )
    )


def is_conflicted(*, judge, entry) -> bool:
    return Conflict.objects.filter(
        judge=judge, entry=entry, status=ConflictStatus.CONFIRMED
    ).exists()


def assignments_for_judge(*, judge) -> QuerySet[Assignment]:
    """The judge's assignments in categories where they hold an active seat, leaving out any
    entry they are conflicted on."""
    if not judge.is_authenticated:
        return Assignment.objects.none()
    seated = jury_seats(user=judge).filter(category_id=OuterRef("round__category_id"))
    # One subquery for "this judge's confirmed conflict on this entry": an exclude() across the
    # relation would test the two conditions on possibly different conflicts, and costs far
    # more to build.
    conflicted = Conflict.objects.filter(
        judge=judge, entry_id=OuterRef("entry_id"), status=ConflictStatus.CONFIRMED
    )
    return Assignment.objects.filter(
        Exists(seated), ~Exists(conflicted), judge=judge
    ).select_related("round__category__edition__award", "entry")


def may_review(*, user, assignment: Assignment) -> bool:
    """Whether `user` may write `assignment`'s review now: theirs, seated, not conflicted."""
    return (
        assignment.judge_id == user.pk
        and assignments_for_judge(judge=user).filter(pk=assignment.pk).exists()
    )


def is_chair(*, user, category) -> bool:
    return has_seat(user=user, category=category, role=JuryRole.CHAIR)


def _is_round_organiser(user, *, category) -> bool:
    return user_organises(user, award=category.edition.award, perm="judging.change_round")


def may_manage_round(*, user, round) -> bool:
    """The round's chair, or an organiser of its award (with `judging.change_round`), may follow
    its progress, reopen reviews, remind judges and close it."""
    return _is_round_organiser(user, category=round.category) or is_chair(
        user=user, category=round.category
    )


def get_assignment_for_judge(request, pk) -> Assignment:
    """The signed-in judge's own assignment `pk`, never a conflicted one nor one in a category
    where they have no active seat; 404 for anything else."""
    return get_object_or_404(assignments_for_judge(judge=request.user), pk=pk)


def may_chair(*, user, category) -> bool:
    """Chair pages (jury, conflicts, assignments, results) are for the category's seated chairs
    and for the award's organisers (allowed to change rounds)."""
    return _is_round_organiser(user, category=category) or is_chair(user=user, category=category)


def get_category_for_chair(request, category_id):
    """The category whose chair pages the user may open; 404 for anyone else."""
    category = Category.objects.select_related("edition__award").filter(pk=category_id).first()
    if category is None or not may_chair(user=request.user, category=category):
        raise Http404
    return category


def get_round_for_chair(request, round_id) -> Round:
    """The round whose chair pages the user may open; 404 for anyone else."""
    round = Round.objects.select_related("category__edition__award").filter(pk=round_id).first()
    if round is None or not may_chair(user=request.user, category=round.category):
        raise Http404
    return round


def entry_ids_hidden_from_chair(*, user, category) -> set[int]:
    """Entries a chair must not see the details of: their own conflicts. Organisers who are not
    on the jury see everything."""
    if (
        not user.is_authenticated
        or not JuryMember.objects.filter(user=user, category=category).exists()
    ):
        return set()
    return conflicted_entry_ids(judge=user)
