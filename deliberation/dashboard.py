"""The jury dashboard's panel (registered in `apps.py`): meetings under way that the person may
follow, and rounds with unread discussion messages."""

from django.template.loader import render_to_string

from deliberation.models import Meeting
from deliberation.selectors import unread_by_round
from judging.access import jury_seats
from judging.models import Round


def discussion_dashboard_panel(*, request) -> str:
    """Three queries; nothing when there is nothing to show."""
    unread = unread_by_round(user=request.user)
    meetings = list(
        Meeting.objects.filter(
            ended_at__isnull=True,
            round__category_id__in=jury_seats(user=request.user).values("category_id"),
        ).select_related("round__category")
    )
    if not unread and not meetings:
        return ""
    rounds = Round.objects.select_related("category").filter(pk__in=list(unread))
    rows = [(round, unread[round.pk]) for round in rounds.order_by("closes_at", "pk")]
    return render_to_string(
        "deliberation/_dashboard_unread.html",
        {"rows": rows, "meetings": meetings},
        request=request,
    )
