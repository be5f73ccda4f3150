"""The version of every cached public page. Saving or deleting anything shown on public pages
calls `public_pages_invalidate()`, which bumps it: every cached page is then stale at once. The
pages and their caching live in `public.cache`; this stays here so that the apps that change what
public pages show can invalidate them without importing the public app above them."""

import time

from django.core.cache import cache

VERSION_KEY = "public:public-pages:version"


def public_pages_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def public_pages_invalidate() -> None:
    """Make every cached public page stale. Call after any change to what public pages show."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
