"""Who may open the console, and which awards, editions and categories they see in it.

Every console page goes through these: an organiser of one award gets a 404 for another's."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import user_organises
from awards.models import Award, Category, Edition
from awards.organisers import awards_organised_by


def may_use_console(user) -> bool:
    """Active staff (organisers, each seeing their own awards) and superusers."""
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def organised_awards(*, user):
    return awards_organised_by(user=user)


def console_required(view):
    """Signed in and an organiser, or a 404: the console does not admit to existing."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_use_console(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def get_award_for_organiser(request, pk) -> Award:
    award = get_object_or_404(Award, pk=pk)
    if not user_organises(request.user, award=award):
        raise Http404
    return award


def get_edition_for_organiser(request, pk) -> Edition:
    edition = get_object_or_404(Edition.objects.select_related("award"), pk=pk)
    if not user_organises(request.user, award=edition.award):
        raise Http404
    return edition


def get_category_for_organiser(request, pk) -> Category:
    category = get_object_or_404(Category.objects.select_related("edition__award"), pk=pk)
    if not user_organises(request.user, award=category.edition.award):
        raise Http404
    return category
