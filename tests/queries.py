"""Query counts that depend on the deployment: with REDIS_URL set, sessions are read from the
shared cache (`cached_db`), so a signed-in request reads its session without a query."""

from django.conf import settings


def session_queries() -> int:
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


def caches_cleared(client) -> None:
    """Empty the shared cache, as after a restart of Redis, and read the signed-in session back
    into it (a request that touches the user), so that what follows counts only the page's own
    reads and, with cached sessions, no session query."""
    from django.core.cache import cache

    cache.clear()
    client.get("/robots.txt")
