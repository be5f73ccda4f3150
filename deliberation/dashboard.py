"""The jury dashboard's panel (registered in `apps.py`): meetings under way that the person may
follow, and rounds with unread discussion messages.

Counting unread messages applies every visibility rule of the discussions (a costly query to
plan and run), so the panel is cached in the shared cache under a fingerprint of what it reads,
taken first in one query over the rounds the person may read: per round, its messages (how many,
the newest, how many withdrawn), the person's reads (how many, the latest), meetings under way,
and the round's results revision (reviews submitted and conflicts change who may read what).
Rounds with no message and no meeting under way show nothing, and cost nothing more. A second
look's deadline passing changes visibility without a write: the cache lasts CACHE_SECONDS.
"""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.utils.translation import get_language

from accounts.roles import user_is_organiser
from deliberation.models import Meeting
from deliberation.selectors import unread_by_round
from judging.access import jury_seats
from judging.models import Round
from judging.selectors.dashboard import CONFLICT_COLUMNS, conflict_params

CACHE_SECONDS = 5 * 60
# Per round the person may read: its messages (how many, the newest, how many withdrawn), the
# person's reads (how many, the latest), the newest meeting under way, the results revision and
# the person's conflicts. Constants only are joined here (no user input): hence the noqa.
FINGERPRINT_SQL = (
    "SELECT r.id, "  # noqa: S608
    "(SELECT COUNT(*) FROM deliberation_message m WHERE m.round_id = r.id), "
    "(SELECT MAX(m.id) FROM deliberation_message m WHERE m.round_id = r.id), "
    "(SELECT COUNT(m.withdrawn_at) FROM deliberation_message m WHERE m.round_id = r.id), "
    "(SELECT COUNT(*) FROM deliberation_messageread x WHERE x.round_id = r.id AND x.user_id = %s), "
    "(SELECT MAX(x.read_at) FROM deliberation_messageread x "
    "WHERE x.round_id = r.id AND x.user_id = %s), "
    "(SELECT MAX(g.id) FROM deliberation_meeting g "
    "WHERE g.round_id = r.id AND g.ended_at IS NULL), "
    "COALESCE((SELECT v.revision FROM judging_roundresultsrevision v WHERE v.round_id = r.id), 0), "
    + CONFLICT_COLUMNS
    + " FROM judging_round r"
)
SEATED_ONLY = (
    " WHERE r.category_id IN "
    "(SELECT s.category_id FROM judging_jurymember s WHERE s.user_id = %s AND s.active)"
)


def _fingerprint(*, user) -> list[tuple]:
    """One row per round the person may read discussions of (module docstring). One query."""
    params = [user.pk, user.pk, *conflict_params(user=user)]
    sql = FINGERPRINT_SQL
    if not user_is_organiser(user, perm="judging.change_round"):  # organisers read every round
        sql, params = sql + SEATED_ONLY, [*params, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY r.id", params)
        return cursor.fetchall()


def _render(*, request) -> str:
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


def discussion_dashboard_panel(*, request) -> str:
    """One query when nothing has changed since the panel was last built (or there is nothing
    to show), four when something has."""
    rounds = _fingerprint(user=request.user)  # first: what is cached is never older than it
    if not any(row[1] or row[6] for row in rounds):  # no message, no meeting under way
        return ""
    digest = hashlib.sha256(repr(rounds).encode()).hexdigest()[:32]
    key = f"laurel:discussion-panel:{request.user.pk}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = _render(request=request)
        cache.set(key, html, CACHE_SECONDS)
    return html
