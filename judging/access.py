"""Who on a jury may see what. Every judge-facing view and export goes through these."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from judging.enums import ConflictStatus, JuryRole
from judging.models import Assignment, Conflict, JuryMember

# Set in the session of anyone on a jury, so the navbar shows the Jury link without a query on
# every page (templates read it as request.session.laurel_jury_nav).
JURY_NAV_SESSION_KEY = "laurel_jury_nav"


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
    """The judge's assignments, leaving out any entry they are conflicted on."""
    return (
        Assignment.objects.filter(judge=judge)
        .exclude(
            entry__conflicts__judge=judge,
            entry__conflicts__status=ConflictStatus.CONFIRMED,
        )
        .select_related("round__category__edition__award", "entry")
    )


def judge_may_open_entry(*, user, entry) -> bool:
    """A judge may open an entry (its answers and attachments) only when assigned to it and not
    conflicted; a chair of the entry's category may open any entry they are not conflicted on."""
    if not user.is_authenticated:
        return False
    if is_conflicted(judge=user, entry=entry):
        return False
    if is_chair(user=user, category=entry.category):
        return True
    return Assignment.objects.filter(judge=user, entry=entry).exists()


def is_chair(*, user, category) -> bool:
    return (
        user.is_authenticated
        and JuryMember.objects.filter(
            user=user, category=category, role=JuryRole.CHAIR, active=True
        ).exists()
    )


def entry_is_blind_for(*, user, entry) -> bool:
    """True when `user` reads `entry` as a judge in a blind round: no names, team, organisation,
    email or file names. Entrants on the team and organisers always see them."""
    return Assignment.objects.filter(judge=user, entry=entry, round__blind=True).exists() or (
        is_chair(user=user, category=entry.category)
        and entry.round_entries.filter(round__blind=True).exists()
    )


def may_manage_round(*, user, round) -> bool:
    """The round's chair, or an organiser (staff with `judging.change_round`), may follow its
    progress, reopen reviews, remind judges and close it."""
    if not user.is_authenticated:
        return False
    if user.is_staff and user.has_perm("judging.change_round"):
        return True
    return is_chair(user=user, category=round.category)


def get_assignment_for_judge(request, pk) -> Assignment:
    """The signed-in judge's own assignment `pk`, never a conflicted one; 404 for anything else
    (another judge's assignment, a conflicted entry, an unknown id)."""
    return get_object_or_404(assignments_for_judge(judge=request.user), pk=pk)


def may_chair(*, user, category) -> bool:
    """Chair pages (jury, conflicts, assignments) are for the category's chairs and for
    organisers: staff allowed to change rounds."""
    return is_chair(user=user, category=category) or (
        user.is_authenticated and user.is_staff and user.has_perm("judging.change_round")
    )


def get_category_for_chair(request, category_id):
    """The category whose chair pages the user may open; 404 for anyone else."""
    from django.http import Http404

    from awards.models import Category

    category = Category.objects.select_related("edition__award").filter(pk=category_id).first()
    if category is None or not may_chair(user=request.user, category=category):
        raise Http404
    return category


def get_round_for_chair(request, round_id):
    """The round whose chair pages the user may open; 404 for anyone else."""
    from django.http import Http404

    from judging.models import Round

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
