import os

import pytest

from config.cache import FailSafeRedisCache


def _cache(location: str) -> FailSafeRedisCache:
    return FailSafeRedisCache(
        location, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    )


def test_with_redis_away_reads_miss_and_writes_are_dropped():
    cache = _cache("redis://127.0.0.1:1/0")

    assert cache.get("k", "default") == "default"
    assert cache.set("k", 1) is None
    assert cache.add("lock", True) is True  # a lock taken with add() must not wait for ever
    assert cache.get_many(["a", "b"]) == {}
    assert cache.incr("n") == 1
    assert cache.delete("k") is False


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")
def test_with_redis_there_it_is_an_ordinary_cache():
    cache = _cache(os.environ["REDIS_URL"])
    cache.delete("laurel-test-fail-safe")

    cache.set("laurel-test-fail-safe", {"a": 1}, 30)

    assert cache.get("laurel-test-fail-safe") == {"a": 1}
    cache.delete("laurel-test-fail-safe")
