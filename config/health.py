import logging
import os

from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer.")
        return False


def _storage_ok() -> bool:
    storage = storages["default"]
    try:
        if isinstance(storage, FileSystemStorage):
            # Local storage answers only if its folder exists (or can be made) and is writable.
            os.makedirs(storage.location, exist_ok=True)
            if not os.access(storage.location, os.W_OK):
                raise PermissionError(f"{storage.location} is not writable")
        # A read that reaches the backend (a HEAD request on S3); its answer does not matter.
        storage.exists("healthz-probe")
        return True
    except Exception:
        logger.exception("Health check: the default storage did not answer.")
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "storage": _storage_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
