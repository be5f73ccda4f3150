"""Request bodies refused before they are read.

A body whose declared length (Content-Length) is over what the target form takes is answered
413 at once, with the message the form would give, before a byte of it is read: a 2 GiB upload
to a 1 MB question costs the server nothing. A body without a declared length (chunked) is read
into a temporary file up to the limit and refused as soon as it passes it; under the limit it is
handed to Django with its length set. Every other route takes at most MAX_REQUEST_BODY_MB.

Put a limit on the reverse proxy too (nginx `client_max_body_size`, README "Operations")."""

import logging
import tempfile

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from submissions.body_limits import attachment_upload_body_limit

logger = logging.getLogger(__name__)
# Route name -> function(kwargs=...) giving (limit in bytes, message) or None.
LIMITS = {"submissions:attachment-upload": attachment_upload_body_limit}
CHUNK = 64 * 1024
SPOOL_IN_MEMORY = 1024 * 1024


def _limit_for(request) -> tuple[int, str]:
    general = settings.MAX_REQUEST_BODY_MB * 1024 * 1024
    message = _("This request is larger than the limit of %(limit)s MB.") % {
        "limit": settings.MAX_REQUEST_BODY_MB
    }
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return general, message
    rule = LIMITS.get(match.view_name)
    found = rule(kwargs=match.kwargs) if rule else None
    return found or (general, message)


def _too_large(request, message: str) -> HttpResponse:
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    else:
        context = {"message": message, "LANGUAGE_CODE": translation.get_language()}
        response = HttpResponse(render_to_string("413.html", context), status=413)
    # The rest of the body is never read: the connection cannot be used again.
    response["Connection"] = "close"
    return response


def _spool_chunked(request, limit: int):
    """Read a body without a declared length into a temporary file, up to `limit`."""
    source = request.environ["wsgi.input"]
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (caller closes)
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > limit:
            spool.close()
            return None, size
        spool.write(chunk)
    spool.seek(0)
    return spool, size


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        declared = (request.META.get("CONTENT_LENGTH") or "").strip()
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not declared and not chunked:
            return self.get_response(request)
        # Before LocaleMiddleware: the language (and the /sv/ routes) come from the path.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        spool = None
        with translation.override(language):
            limit, message = _limit_for(request)
            if declared:
                length = int(declared) if declared.isdigit() else 0
                if length > limit:
                    logger.info(
                        "Refused a %s-byte body for %s (limit %s)", length, request.path, limit
                    )
                    return _too_large(request, message)
            else:
                spool, size = _spool_chunked(request, limit)
                if spool is None:
                    logger.info("Cut off a chunked body for %s at %s bytes", request.path, size)
                    return _too_large(request, message)
                request.META["CONTENT_LENGTH"] = str(size)
                request._stream = LimitedStream(spool, size)
        try:
            return self.get_response(request)
        finally:
            if spool is not None:
                spool.close()
