"""Who may see and change an entry. Every entrant-facing view goes through these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from submissions.models import Entry


def get_entry_for_member(request, pk) -> Entry:
    """The entry `pk` when the signed-in user is on its team; 404 otherwise, so nobody learns
    whether someone else's entry exists."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Entry.objects.select_related("category__edition__award", "owner"),
        pk=pk,
        team__user=user,
    )
