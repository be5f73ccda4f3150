import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from outbox.jobs import tasks_requeue_stale
from outbox.models import WorkerHeartbeat
from outbox.worker import heartbeat_record, tasks_release_own

pytestmark = pytest.mark.django_db


def _running(*workers: str, started_minutes_ago: int = 1) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {"email_id": 1}},
        task_path="outbox.tasks.outgoing_email_send_task",
        backend_name="default",
        run_after=get_date_max(),
        worker_ids=list(workers),
        started_at=timezone.now() - dt.timedelta(minutes=started_minutes_ago),
    )


def _beat(worker_id: str, *, minutes_ago: int) -> None:
    heartbeat_record(worker_id=worker_id)
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


def _statuses(*results) -> list[str]:
    return [DBTaskResult.objects.get(pk=r.pk).status for r in results]


def test_a_task_whose_worker_stopped_beating_is_ready_again(settings):
    settings.TASKS_WORKER_LEASE_SECONDS = 120
    _beat("dead", minutes_ago=5)
    _beat("alive", minutes_ago=0)
    orphan, busy = _running("dead"), _running("alive")

    assert tasks_requeue_stale() == {"requeued": 1, "failed": 0}
    assert _statuses(orphan, busy) == ["READY", "RUNNING"]
    assert DBTaskResult.objects.get(pk=orphan.pk).started_at is None


def test_a_task_of_a_worker_without_heartbeats_waits_for_the_long_lease(settings):
    settings.TASKS_RUNNING_LEASE_SECONDS = 3600
    recent, old = _running("plain-db-worker"), _running("plain", started_minutes_ago=61)

    assert tasks_requeue_stale() == {"requeued": 1, "failed": 0}
    assert _statuses(recent, old) == ["RUNNING", "READY"]


def test_a_task_that_killed_its_workers_too_often_is_marked_failed(settings):
    settings.TASKS_MAX_ATTEMPTS = 3
    _beat("third", minutes_ago=10)
    result = _running("first", "second", "third")

    assert tasks_requeue_stale() == {"requeued": 0, "failed": 1}
    failed = DBTaskResult.objects.get(pk=result.pk)
    assert (failed.status, failed.exception_class_path) == ("FAILED", "outbox.jobs.WorkerLost")


def test_a_worker_back_from_an_outage_releases_the_tasks_it_had_claimed():
    mine, theirs = _running("me"), _running("someone-else")

    assert tasks_release_own(worker_id="me") == 1
    assert _statuses(mine, theirs) == ["READY", "RUNNING"]
