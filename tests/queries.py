"""Query counts that depend on the deployment: with REDIS_URL set, sessions are read from the
shared cache (`cached_db`), so a signed-in request reads its session without a query."""

from django.conf import settings


def session_queries() -> int:
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
