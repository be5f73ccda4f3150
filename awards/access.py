from django.http import Http404

from awards.models import Winner


def user_is_organiser(user) -> bool:
    """Organisers compose and preview winner pages: staff allowed to change winners."""
    return bool(
        user.is_authenticated and user.is_active and user.is_staff
        and user.has_perm("awards.change_winner")
    )  # fmt: skip


def get_winner_for_preview(request, pk: int) -> Winner:
    """The winner, published or not, for an organiser; 404 for everyone else."""
    if not user_is_organiser(request.user):
        raise Http404
    try:
        return Winner.objects.select_related("category__edition__award").get(pk=pk)
    except Winner.DoesNotExist:
        raise Http404 from None
