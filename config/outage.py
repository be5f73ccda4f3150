"""Outages that explain themselves. A database, cache or file storage that stops answering
during a request answers 503 in the reader's language, saying which part is away and that
nothing saved was lost; htmx requests (autosave) get a small fragment their page shows in
place, JSON clients a JSON body. Rendered without the database: no user, no session.

`OutageMiddleware` catches what views raise (in DEBUG too); `server_error` (handler500) catches
what middleware raises (a session saved to a database that went away)."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from submissions.storage_errors import REMOTE_STORAGE_ERRORS

logger = logging.getLogger("laurel.outage")
RETRY_AFTER_SECONDS = 30


def outage_part(exc: BaseException | None) -> str | None:
    """ "database", "cache" or "storage" when `exc` (or what caused it) is that part being away."""
    for _depth in range(5):
        if exc is None:
            return None
        if isinstance(exc, (OperationalError, InterfaceError)):
            return "database"
        if isinstance(exc, (RedisConnectionError, RedisTimeoutError)):
            return "cache"
        if isinstance(exc, REMOTE_STORAGE_ERRORS):
            return "storage"
        exc = exc.__cause__ or exc.__context__
    return None


def outage_message(part: str) -> str:
    return {
        "database": _("The server cannot reach its database just now."),
        "cache": _("The server cannot reach its cache just now."),
        "storage": _("The server cannot reach its file storage just now."),
    }[part]


def outage_response(request, part: str) -> HttpResponse:
    what = outage_message(part)
    if request.headers.get("HX-Request") == "true":
        text = _("Not saved: %(what)s Your text is kept in this browser; retrying…") % {
            "what": what
        }
        response = HttpResponse(
            render_to_string("_outage_fragment.html", {"message": text}), status=503
        )
        # autosave.js shows our fragments in its status line (see submissions/views/entries.py).
        response["X-Autosave"] = "1"
    elif "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"error": "unavailable", "part": part, "message": what, "saved_data_lost": False},
            status=503,
        )
    else:
        context = {
            "message": what,
            "LANGUAGE_CODE": get_language(),
            "admins_told": bool(settings.ADMINS),
        }
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["X-Laurel-Outage"] = part
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        part = outage_part(exception)
        if part is None:
            return None
        logger.error(
            "%s unavailable during %s %s",
            part,
            request.method,
            request.path,
            exc_info=exception,
            extra={"outage": part, "path": request.path},
        )
        return outage_response(request, part)


def server_error(request, template_name="500.html"):
    """handler500: an outage explains itself; any other error says whether anyone was told
    (only when ADMINS is set is a report mailed)."""
    part = outage_part(sys.exc_info()[1])
    if part is not None:
        return outage_response(request, part)
    context = {"admins_told": bool(settings.ADMINS)}
    return HttpResponseServerError(render_to_string(template_name, context))
