"""The jury dashboard's panel of unread discussion messages (registered in `apps.py`)."""

from django.template.loader import render_to_string

from deliberation.selectors import unread_by_round
from judging.models import Round


def discussion_dashboard_panel(*, request) -> str:
    """Rounds with unread messages for the signed-in person, each linking to its discussion
    list. Two queries; nothing when nothing is unread."""
    unread = unread_by_round(user=request.user)
    if not unread:
        return ""
    rounds = Round.objects.select_related("category").filter(pk__in=list(unread))
    rows = [(round, unread[round.pk]) for round in rounds.order_by("closes_at", "pk")]
    return render_to_string("deliberation/_dashboard_unread.html", {"rows": rows}, request=request)
