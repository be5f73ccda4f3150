import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMMEDIATE = {
    "backend": "immediate",
    "oldest_waiting_seconds": None,
    "worker_last_seen_seconds": None,
}


def _checks(*, database=True, storage=True, redis=True, tasks=True) -> dict:
    """The checks /healthz reports: Redis only when it is configured."""
    checks = {"database": database, "storage": storage}
    if os.environ.get("REDIS_URL"):
        checks["redis"] = redis
    return {**checks, "tasks": tasks}


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_and_storage_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": _checks(), "tasks": IMMEDIATE}


def test_healthz_reports_a_database_that_does_not_answer(tmp_path):
    # A process of its own, so the broken database cannot touch the test database.
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://laurel@127.0.0.1:1/laurel", "DEBUG": "true"}
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    env["MEDIA_ROOT"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "error",
        "checks": _checks(database=False),
        "tasks": IMMEDIATE,
    }


@pytest.mark.django_db
def test_healthz_reports_local_storage_that_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker / "media"},
        },
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == _checks(storage=False)


@pytest.mark.django_db
def test_healthz_reports_an_s3_endpoint_that_does_not_answer(client, settings, s3_bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**s3_bucket["options"], "endpoint_url": "http://127.0.0.1:1"},
        },
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == _checks(storage=False)


@pytest.mark.django_db
def test_healthz_answers_ok_with_s3_storage(client, settings, s3_bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_bucket["options"]},
    }

    response = client.get("/healthz")

    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_reports_redis_that_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["redis"] is False


def _waiting_task(*, minutes_ago: int):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="outbox.tasks.outgoing_email_send_task",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


@pytest.mark.django_db
def test_healthz_says_degraded_when_no_worker_was_seen(client, settings):
    settings.TASKS_BACKEND = "database"
    _waiting_task(minutes_ago=20)

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["checks"]["tasks"]) == ("degraded", False)
    assert body["tasks"]["worker_last_seen_seconds"] is None
    assert 1199 < body["tasks"]["oldest_waiting_seconds"] < 1300


@pytest.mark.django_db
def test_healthz_answers_503_for_a_stalled_queue_when_tasks_are_required(client, settings):
    settings.TASKS_BACKEND = "database"
    settings.HEALTHZ_TASKS_REQUIRED = True

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "degraded"


@pytest.mark.django_db
def test_healthz_is_ok_with_a_worker_beating_and_nothing_waiting_long(client, settings):
    from outbox.worker import heartbeat_record

    settings.TASKS_BACKEND = "database"
    heartbeat_record(worker_id="w1")
    _waiting_task(minutes_ago=1)

    response = client.get("/healthz")

    body = response.json()
    assert (response.status_code, body["status"], body["checks"]["tasks"]) == (200, "ok", True)
    assert body["tasks"]["worker_last_seen_seconds"] < 5
    assert 59 < body["tasks"]["oldest_waiting_seconds"] < 120
