"""`/healthz`: what a load balancer and an operator need to know, truthfully.

`checks` holds a yes/no per part: database, storage, Redis (when REDIS_URL is set) and the task
queue. The database, storage and Redis are needed to serve pages: any of them down answers 503
so a load balancer takes the server out. The task queue (a worker seen in the last
HEALTHZ_WORKER_MAX_SECONDS, nothing waiting longer than HEALTHZ_QUEUE_MAX_SECONDS) does not stop
pages being served: a stalled queue answers 200 with status "degraded" for monitoring to alert
on, or 503 when HEALTHZ_TASKS_REQUIRED is set. `tasks` gives the figures."""

import logging
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
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


def _redis_ok() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        logger.exception("Health check: Redis did not answer.")
        return False


def _seconds_since(moment) -> float | None:
    return None if moment is None else round((timezone.now() - moment).total_seconds(), 1)


def _tasks(database_ok: bool) -> tuple[bool, dict]:
    backend = settings.TASKS_BACKEND
    figures = {"backend": backend, "oldest_waiting_seconds": None, "worker_last_seen_seconds": None}
    if backend != "database":
        return True, figures  # run at once, in the request: nothing can wait
    if not database_ok:
        return False, figures
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    from outbox.models import WorkerHeartbeat

    try:
        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        last_seen = WorkerHeartbeat.objects.aggregate(last=Max("last_seen_at"))["last"]
    except Exception:
        logger.exception("Health check: the task queue could not be read.")
        return False, figures
    figures["oldest_waiting_seconds"] = _seconds_since(oldest.enqueued_at if oldest else None)
    figures["worker_last_seen_seconds"] = _seconds_since(last_seen)
    worker_ok = (
        figures["worker_last_seen_seconds"] is not None
        and figures["worker_last_seen_seconds"] <= settings.HEALTHZ_WORKER_MAX_SECONDS
    )
    queue_ok = (figures["oldest_waiting_seconds"] or 0) <= settings.HEALTHZ_QUEUE_MAX_SECONDS
    return worker_ok and queue_ok, figures


def health_report() -> tuple[int, dict]:
    checks = {"database": _database_ok(), "storage": _storage_ok()}
    if settings.REDIS_URL:
        checks["redis"] = _redis_ok()
    needed_ok = all(checks.values())
    checks["tasks"], tasks = _tasks(checks["database"])
    if not needed_ok:
        status = "error"
    elif not checks["tasks"]:
        status = "degraded"
    else:
        status = "ok"
    failing = status == "error" or (status == "degraded" and settings.HEALTHZ_TASKS_REQUIRED)
    return (503 if failing else 200), {"status": status, "checks": checks, "tasks": tasks}


@never_cache
def healthz(request):
    code, report = health_report()
    return JsonResponse(report, status=code)
