"""The site's navigation bar, kept rendered in the shared cache.

Every page shows it, and for a signed-in person it is the largest part of what a page renders
that is not the page itself. What it shows depends only on the values in `_inputs` (who the
person is, which links they may follow, the page's address and the language), so a copy is kept
under those for NAVBAR_SECONDS; the CSRF token of its forms (sign out, language) is put in for
each request, never kept.
"""

import hashlib
import re

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

NAVBAR_SECONDS = 5 * 60
# Set in the session of anyone on a jury (by judging), so the bar shows the Jury link without a
# query on every page.
JURY_NAV_SESSION_KEY = "laurel_jury_nav"
# What a shared copy holds instead of a form's CSRF token (here and in `public.cache`).
CSRF_PLACEHOLDER = "__laurel_csrf_token__"
# Every form's token: each rendering masks the secret afresh, so no one value can be looked for.
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
# The permissions _navbar.html asks staff about.
STAFF_LINKS = ("submissions.view_entry", "awards.change_winner")


def _inputs(request, *, jury_nav: bool) -> tuple:
    user = request.user
    if not user.is_authenticated:
        return ("anonymous", request.get_full_path(), get_language())
    staff = tuple(user.has_perm(perm) for perm in STAFF_LINKS) if user.is_staff else ()
    jury = bool(jury_nav or request.session.get(JURY_NAV_SESSION_KEY))
    return (
        *(user.pk, str(user), user.is_staff, user.is_active, user.is_superuser, staff, jury),
        request.get_full_path(),
        get_language(),
    )


def csrf_tokens_out(html: str) -> str:
    """The HTML with every form's token replaced by CSRF_PLACEHOLDER: what a copy shared
    between visitors may keep."""
    return CSRF_INPUT.sub(f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"', html)


def csrf_tokens_in(html: str, request) -> str:
    """A kept copy with this visitor's own token in every form."""
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def navbar_key(request, *, jury_nav: bool = False) -> str:
    inputs = repr(_inputs(request, jury_nav=jury_nav)).encode()
    return f"laurel:navbar:{hashlib.sha256(inputs).hexdigest()}"


def navbar_get_with(request, keys: list[str]) -> dict:
    """`cache.get_many(keys)` that also fetches this request's bar, in one round trip to the
    cache: for a view that reads the cache anyway. The bar is kept on the request for
    `navbar_html`."""
    key = navbar_key(request)
    found = cache.get_many([*keys, key])
    request._laurel_navbar = (key, found.pop(key, None))
    return found


def navbar_html(request, *, jury_nav: bool = False) -> SafeString:
    key = navbar_key(request, jury_nav=jury_nav)
    fetched_key, html = getattr(request, "_laurel_navbar", (None, None))
    if fetched_key != key:
        html = cache.get(key)
    if html is None:
        html = render_to_string("_navbar.html", {"jury_nav": jury_nav}, request=request)
        cache.set(key, csrf_tokens_out(html), NAVBAR_SECONDS)
    else:
        html = csrf_tokens_in(html, request)
    return mark_safe(html)  # noqa: S308 (our template's output)
