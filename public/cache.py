"""Cached public pages, shared by every app server through Django's cache (Redis in production).

A page is cached per URL (which carries the language) under the version number kept in
`awards.cache`: `public_pages_invalidate()` there makes every cached page stale at once. Pages
also expire at the next scheduled change (a publication, a call opening or closing), so an
embargo lifts on time without anyone saving anything.

Only anonymous visitors get cached pages: signed-in people (organisers previewing drafts among
them) always get a fresh page, marked private and no-store by `PrivatePagesNoStoreMiddleware`.
"""

import datetime as dt
import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from awards.cache import public_pages_version
from awards.selectors import next_change_at

PAGE_TIMEOUT = 10 * 60  # also bounds how stale a "12 days left" may get
# A cached page holds this instead of the CSRF token (the language switcher is a POST form); each
# visitor gets their own token when the page is served.
CSRF_PLACEHOLDER = "__laurel_csrf_token__"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cacheable(request) -> bool:
    # A session or a pending message means the page may be personal; so does signing in.
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _page_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public:public-page:{public_pages_version()}:{path}"


def _serve(request, entry: dict) -> HttpResponse:
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"]
    )
    if conditional is not None:
        return conditional
    content = entry["content"]
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content, content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    # Browsers may keep the page but must ask again (a 304 is cheap); shared caches must not
    # keep it, because it carries the visitor's CSRF token.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def public_page(view):
    """Serve the view from the shared cache, answering conditional GETs with 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            if hasattr(response, "render"):
                response.render()
            content = CSRF_INPUT.sub(
                f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"', response.content.decode()
            ).encode()
            now = timezone.now()
            entry = {
                "content": content,
                "content_type": response["Content-Type"],
                "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
                "last_modified": int(now.timestamp()),
            }
            timeout = _timeout(now)
            if timeout:
                cache.set(key, entry, timeout=timeout)
        return _serve(request, entry)

    return wrapper


def _timeout(now: dt.datetime) -> int:
    """Seconds to keep the page: never past the next scheduled change (0: do not keep it)."""
    change = next_change_at(now=now)
    if change is None:
        return PAGE_TIMEOUT
    # Rounded down, so the page expires before the change rather than after it.
    return min(PAGE_TIMEOUT, int((change - now).total_seconds()))
