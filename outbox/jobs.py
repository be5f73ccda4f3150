"""The sweeper, run by `manage.py run_worker` every OUTBOX_SWEEP_SECONDS and by cron
(`manage.py sweep_outbox`): emails and tasks that a dead worker or an outage left behind are
taken up again. Each step is safe to run twice or from two places at once."""

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from outbox.enums import OutgoingEmailState
from outbox.models import OutgoingEmail, WorkerHeartbeat
from outbox.services.send import outgoing_email_send

logger = logging.getLogger(__name__)


def outbox_requeue_stale(*, now: dt.datetime | None = None) -> int:
    """Rows left "sending" past the lease (their worker died mid-send) are queued again. The
    message may have gone out before the worker died: the resend carries the same Message-ID."""
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.OUTBOX_SENDING_LEASE_SECONDS)
    count = OutgoingEmail.objects.filter(
        state=OutgoingEmailState.SENDING, sending_started_at__lt=now - lease
    ).update(
        state=OutgoingEmailState.QUEUED,
        sending_started_at=None,
        next_attempt_at=now,
        last_error="The worker stopped while sending; queued again.",
    )
    if count:
        logger.warning("Outbox: %s emails left sending by a stopped worker queued again", count)
    return count


def outbox_send_due(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """Send queued rows that are due: retries after a transient failure, and rows whose task
    was lost (an outage when it was enqueued). Returns how many were sent."""
    now = now or timezone.now()
    ids = list(
        OutgoingEmail.objects.filter(state=OutgoingEmailState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outgoing_email_send(email_id=pk) == OutgoingEmailState.SENT for pk in ids)


def tasks_requeue_stale(*, now: dt.datetime | None = None) -> dict[str, int]:
    """django-tasks-db leaves a task RUNNING for ever when its worker dies. A RUNNING task
    whose worker's heartbeat is older than TASKS_WORKER_LEASE_SECONDS (or, for a worker without
    heartbeats such as a plain `db_worker`, that started over TASKS_RUNNING_LEASE_SECONDS ago)
    is made READY again, or FAILED once it has been tried TASKS_MAX_ATTEMPTS times. Our tasks
    are idempotent (the outbox claims rows; notifications mark what they announced)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return {"requeued": 0, "failed": 0}
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    heartbeat_lease = dt.timedelta(seconds=settings.TASKS_WORKER_LEASE_SECONDS)
    hard_lease = dt.timedelta(seconds=settings.TASKS_RUNNING_LEASE_SECONDS)
    beats = dict(WorkerHeartbeat.objects.values_list("worker_id", "last_seen_at"))
    requeued = failed = 0
    for result in DBTaskResult.objects.filter(status="RUNNING").only(
        "pk", "worker_ids", "started_at"
    ):
        worker = result.worker_ids[-1] if result.worker_ids else None
        seen = beats.get(worker)
        if seen is not None:
            stale = seen < now - heartbeat_lease
        else:
            stale = result.started_at is None or result.started_at < now - hard_lease
        if not stale:
            continue
        running = DBTaskResult.objects.filter(pk=result.pk, status="RUNNING")
        if len(result.worker_ids) >= settings.TASKS_MAX_ATTEMPTS:
            failed += running.update(
                status="FAILED",
                finished_at=now,
                exception_class_path="outbox.jobs.WorkerLost",
                traceback=f"Worker {worker} stopped while running this task "
                f"({len(result.worker_ids)} attempts).",
            )
        else:
            requeued += running.update(status="READY", started_at=None)
    if requeued or failed:
        logger.warning(
            "Tasks left running by stopped workers: %s requeued, %s failed", requeued, failed
        )
    return {"requeued": requeued, "failed": failed}


def outbox_prune(*, now: dt.datetime | None = None) -> int:
    """Delete sent emails older than OUTBOX_KEEP_SENT_DAYS, and heartbeats of workers not seen
    for a week. Failed and queued emails stay until someone acts on them."""
    now = now or timezone.now()
    keep = dt.timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(
        Q(state=OutgoingEmailState.SENT) & Q(sent_at__lt=now - keep)
    ).delete()
    WorkerHeartbeat.objects.filter(last_seen_at__lt=now - dt.timedelta(days=7)).delete()
    return deleted


def sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Everything the sweeper does, in order."""
    tasks = tasks_requeue_stale(now=now)
    return {
        "emails_requeued": outbox_requeue_stale(now=now),
        "emails_sent": outbox_send_due(now=now),
        "tasks_requeued": tasks["requeued"],
        "tasks_failed": tasks["failed"],
    }
