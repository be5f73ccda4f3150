"""Who may prepare and publish an edition's winner pages, and who may check their own page.

One place decides whether a user organises an edition (`may_organise_edition`): an organiser of
its award (`accounts.roles.user_organises`) holding the winner permission.
"""

from django.http import Http404

from accounts.roles import user_organises
from awards.models import Edition, Winner

PERM = "awards.change_winner"


def may_organise_edition(user, *, edition: Edition) -> bool:
    return user_organises(user, award=edition.award, perm=PERM)


def get_edition_for_organiser(request, pk) -> Edition:
    """The edition, when the user organises it; 404 otherwise."""
    edition = Edition.objects.select_related("award").filter(pk=pk).first()
    if edition is None or not may_organise_edition(request.user, edition=edition):
        raise Http404
    return edition


def get_winner_for_organiser(request, pk) -> Winner:
    """The winner page, published or not, when the user organises its edition; 404 otherwise."""
    winner = (
        Winner.objects.select_related("category__edition__award", "entry").filter(pk=pk).first()
    )
    if winner is None or not may_organise_edition(request.user, edition=winner.category.edition):
        raise Http404
    return winner


def get_winner_for_team(request, pk) -> Winner:
    """A winner page under the team's check, for a member of its entry's team; 404 otherwise."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    winner = (
        Winner.objects.select_related("category__edition__award", "entry", "team_check")
        .filter(pk=pk, entry__team__user=user, team_check__isnull=False)
        .first()
    )
    if winner is None:
        raise Http404
    return winner
