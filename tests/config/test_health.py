import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_and_storage_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "storage": True}}


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
    assert json.loads(body) == {"status": "error", "checks": {"database": False, "storage": True}}


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
    assert response.json()["checks"] == {"database": True, "storage": False}


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
    assert response.json()["checks"] == {"database": True, "storage": False}


@pytest.mark.django_db
def test_healthz_answers_ok_with_s3_storage(client, settings, s3_bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_bucket["options"]},
    }

    response = client.get("/healthz")

    assert response.status_code == 200
