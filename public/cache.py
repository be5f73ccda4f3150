"""Cached public pages, shared by every app server through Django's cache (Redis in production).

A page is cached per URL (which carries the language) under the version number kept in
`awards.cache`: `public_pages_invalidate()` there makes every cached page stale at once. Pages
also expire at the next scheduled change (a publication, a call opening or closing), so an
embargo lifts on time without anyone saving anything.

What a public page shows does not depend on who reads it (drafts are previewed on other pages),
only its navigation and messages do. So a signed-in visitor gets the anonymous cached page with
their own navigation and messages rendered into it (between the markers in base.html), marked
private and no-store by `PrivatePagesNoStoreMiddleware`: a small render instead of the page.
"""

import copy
import datetime as dt
import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

# A cached page holds CSRF_PLACEHOLDER instead of the CSRF token (the language switcher is a
# POST form); each visitor gets their own token when the page is served.
from accounts.navbar import CSRF_PLACEHOLDER, csrf_tokens_in, csrf_tokens_out, navbar_html
from awards.cache import public_pages_version
from awards.selectors import next_change_at

PAGE_TIMEOUT = 10 * 60  # also bounds how stale a "12 days left" may get
NAV_START, NAV_END = "<!--laurel:nav-->", "<!--/laurel:nav-->"
MESSAGES_SLOT = "<!--laurel:messages-->"


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


def _render_entry(request, view, args, kwargs):
    """The page as the cache keeps it, or the view's own response when it is not to be kept."""
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.streaming:
        return None, response
    if hasattr(response, "render"):
        response.render()
    content = csrf_tokens_out(response.content.decode()).encode()
    now = timezone.now()
    entry = {
        "content": content,
        "content_type": response["Content-Type"],
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "last_modified": int(now.timestamp()),
    }
    timeout = _timeout(now)
    if timeout:
        cache.set(_page_key(request), entry, timeout=timeout)
    return entry, None


def _as_anonymous(request):
    """The same request as an anonymous visitor would make it, for rendering the shared page:
    no user, and the visitor's messages left unread for their own copy."""
    anonymous = copy.copy(request)
    anonymous.user = AnonymousUser()
    anonymous._messages = []
    return anonymous


def _personal(request, entry: dict) -> HttpResponse | None:
    """The cached page with the visitor's own navigation and messages; None if it has no slots."""
    content = entry["content"].decode()
    start, end = content.find(NAV_START), content.find(NAV_END)
    if start < 0 or end < start or MESSAGES_SLOT not in content:
        return None
    nav = navbar_html(request)
    messages = render_to_string("_messages.html", request=request)
    content = content[: start + len(NAV_START)] + nav + content[end:]
    content = content.replace(MESSAGES_SLOT, MESSAGES_SLOT + messages, 1)
    content = csrf_tokens_in(content, request)
    return HttpResponse(content, content_type=entry["content_type"])


def public_page(view):
    """Serve the view from the shared cache, answering conditional GETs with 304; signed-in
    visitors get the shared page with their own navigation."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        signed_in = request.method in ("GET", "HEAD") and request.user.is_authenticated
        if not (signed_in or _cacheable(request)):
            return view(request, *args, **kwargs)
        entry = cache.get(_page_key(request))
        if entry is None:
            entry, response = _render_entry(
                _as_anonymous(request) if signed_in else request, view, args, kwargs
            )
            if entry is None:
                return view(request, *args, **kwargs) if signed_in else response
        if signed_in:
            return _personal(request, entry) or view(request, *args, **kwargs)
        return _serve(request, entry)

    return wrapper


def _timeout(now: dt.datetime) -> int:
    """Seconds to keep the page: never past the next scheduled change (0: do not keep it)."""
    change = next_change_at(now=now)
    if change is None:
        return PAGE_TIMEOUT
    # Rounded down, so the page expires before the change rather than after it.
    return min(PAGE_TIMEOUT, int((change - now).total_seconds()))
