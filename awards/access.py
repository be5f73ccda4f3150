from django.http import Http404

from accounts.roles import user_is_organiser
from awards.models import Winner


def may_preview_winners(user) -> bool:
    """Organisers compose and preview winner pages: staff allowed to change winners."""
    return user_is_organiser(user, perm="awards.change_winner")


def get_winner_for_preview(request, pk: int) -> Winner:
    """The winner, published or not, for an organiser; 404 for everyone else."""
    if not may_preview_winners(request.user):
        raise Http404
    try:
        return Winner.objects.select_related("category__edition__award").get(pk=pk)
    except Winner.DoesNotExist:
        raise Http404 from None
