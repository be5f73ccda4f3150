"""A Redis cache that fails safe: with Redis away, reads miss, writes are dropped and pages are
built without the cache, instead of answering 500. allauth's rate limits live in the cache, so
they are not enforced while Redis is away (sign-in keeps working; the failure is logged).

After a failure the cache is skipped for RETRY_SECONDS, so a Redis that hangs does not add a
connection timeout to every call of every request."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 5.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new redis-py client for every cache call, and each build fills a table
    of some 150 reply handlers: on a page that reads the cache three times, a noticeable part
    of its time. One client per connection pool does the same work (the pool is shared anyway;
    redis-py clients are safe across threads)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSafeRedisCache(RedisCache):
    # Per Redis address, shared by the threads of a process (Django makes a cache per thread).
    _down_until: dict[str, float] = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _call(self, name: str, fallback, *args, **kwargs):
        server = ",".join(self._servers)
        if time.monotonic() < self._down_until.get(server, 0.0):
            return fallback
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            if server not in self._down_until:
                logger.error("Redis is not answering (%s); serving without the cache", exc)
            self._down_until[server] = time.monotonic() + RETRY_SECONDS
            return fallback
        if self._down_until.pop(server, None) is not None:
            logger.warning("Redis answers again; serving with the cache")
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    # add() answers True when Redis is away: callers that take a lock with add() (allauth's
    # rate limit) would otherwise wait for a lock that nobody holds.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def clear(self):
        return self._call("clear", False)
