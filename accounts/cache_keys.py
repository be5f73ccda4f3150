"""Forgetting copies kept in the shared cache when the data under them changes: the access
snapshots (`accounts.access_cache`), My entries (`submissions.entry_list_cache`) and the season
dashboard (`console.season_cache`), each dropped by signals."""

from django.core.cache import cache
from django.db import transaction


def cache_forget(keys) -> None:
    """Delete these keys now and again once the transaction commits: a request reading between
    the change and its commit could otherwise keep a copy from before it."""
    keys = list(keys)
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
