"""`manage.py run_worker`: django-tasks-db's worker, kept alive through database outages, with a
heartbeat (for /healthz and the sweeper) and the sweeper running beside it.

django-tasks-db's `db_worker` re-raises any database error that is not SQLite's "database is
locked", so the process exits on the first outage; it has no lease on RUNNING tasks and no
retries. This wrapper catches the error, closes the connections, waits with backoff and runs
the loop again; tasks it was running when the error came are made READY again."""

import logging
import os
import socket
import threading
import time

from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from outbox.jobs import sweep
from outbox.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)


def heartbeat_record(*, worker_id: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "last_seen_at": now,
            "started_at": now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def tasks_release_own(*, worker_id: str) -> int:
    """Tasks this worker had claimed when the database went away: nobody is running them."""
    from django_tasks_db.models import DBTaskResult

    released = 0
    for result in DBTaskResult.objects.filter(status="RUNNING").only("pk", "worker_ids"):
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            released += DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                status="READY", started_at=None
            )
    return released


class Background(threading.Thread):
    """Beats every `heartbeat_seconds` and sweeps every `sweep_seconds`, on its own database
    connection; an outage is logged and waited out."""

    def __init__(self, *, worker_id: str, heartbeat_seconds: float, sweep_seconds: float):
        super().__init__(name="laurel-worker-background", daemon=True)
        self.worker_id = worker_id
        self.heartbeat_seconds = heartbeat_seconds
        self.sweep_seconds = sweep_seconds
        self.stopping = threading.Event()

    def run(self) -> None:
        last_sweep = 0.0
        while not self.stopping.is_set():
            try:
                close_old_connections()
                heartbeat_record(worker_id=self.worker_id)
                if self.sweep_seconds and time.monotonic() - last_sweep >= self.sweep_seconds:
                    last_sweep = time.monotonic()
                    done = sweep()
                    if any(done.values()):
                        logger.info("Sweep: %s", done, extra={"sweep": done})
            except Exception:
                logger.warning("Worker heartbeat or sweep failed; trying again", exc_info=True)
                connection.close()
            self.stopping.wait(self.heartbeat_seconds)
        connection.close()


def worker_run(
    *,
    worker_id: str,
    queue_names: list[str],
    backend_name: str,
    interval: float,
    batch: bool,
    max_tasks: int | None,
    heartbeat_seconds: float,
    sweep_seconds: float,
    max_backoff_seconds: float = 30,
) -> None:
    worker = Worker(
        queue_names=queue_names,
        interval=interval,
        batch=batch,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    background = Background(
        worker_id=worker_id, heartbeat_seconds=heartbeat_seconds, sweep_seconds=sweep_seconds
    )
    background.start()
    delay, last_failure = 1.0, 0.0
    try:
        while True:
            try:
                worker.run()
                return
            except DATABASE_ERRORS as exc:
                if not worker.running:
                    return
                if time.monotonic() - last_failure > 300:
                    delay = 1.0
                last_failure = time.monotonic()
                logger.error(
                    "Worker %s lost the database (%s); reconnecting in %.0f s",
                    worker_id,
                    exc,
                    delay,
                    extra={"worker_id": worker_id},
                )
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, max_backoff_seconds)
                try:
                    tasks_release_own(worker_id=worker_id)
                except DATABASE_ERRORS:
                    connections.close_all()
    finally:
        background.stopping.set()
