from django.http import Http404

from accounts.roles import user_organises
from awards.models import Winner


def may_preview_winners(user, *, award) -> bool:
    """The award's organisers compose and preview its winner pages (allowed to change
    winners)."""
    return user_organises(user, award=award, perm="awards.change_winner")


def get_winner_for_preview(request, pk: int) -> Winner:
    """The winner, published or not, for an organiser of its award; 404 for everyone else."""
    winner = Winner.objects.select_related("category__edition__award").filter(pk=pk).first()
    if winner is None or not may_preview_winners(request.user, award=winner.category.edition.award):
        raise Http404
    return winner
