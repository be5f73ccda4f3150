"""Outages explain themselves: 503 in the reader's language, fragments for htmx, no 500 page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import EndpointConnectionError
from django.db import OperationalError
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from config.outage import outage_part
from submissions.models import Attachment
from tests.factories import EntryFactory, UserFactory
from tests.submissions.samples import PDF, file_question, upload

ROOT = Path(__file__).resolve().parents[2]
CLOSED = "127.0.0.1:1"


def _chained() -> Exception:
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "part"),
    [
        (OperationalError("server closed the connection"), "database"),
        (RedisConnectionError("refused"), "cache"),
        (EndpointConnectionError(endpoint_url="http://127.0.0.1:1"), "storage"),
        (_chained(), "database"),
        (ValueError("a bug"), None),
    ],
)
def test_outage_part_names_what_is_away(exc, part):
    assert outage_part(exc) == part


def _probe(code: str, tmp_path, **env) -> str:
    """Runs `code` in a process whose database is a closed port: the test database is safe."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://laurel@{CLOSED}/laurel",
        "DEBUG": "true",
        "MEDIA_ROOT": str(tmp_path),
        **env,
    }
    environment.pop("AWS_STORAGE_BUCKET_NAME", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


PAGE = (
    "from django.test import Client; c = Client(); "
    "r = c.get({path!r}, **{headers!r}); "
    "print(r.status_code, r['X-Laurel-Outage'], r['Retry-After']); print(r.content.decode())"
)


def test_a_page_during_a_database_outage_is_a_503_that_explains(tmp_path):
    out = _probe(PAGE.format(path="/", headers={}), tmp_path)

    first, body = out.split("\n", 1)
    assert first == "503 database 30"
    assert "The server cannot reach its database just now." in body
    assert "Nothing you had saved is lost" in body
    assert "have been told" not in body  # no ADMINS configured: nobody was told


def test_the_503_page_is_in_swedish_on_swedish_pages(tmp_path):
    out = _probe(PAGE.format(path="/sv/", headers={}), tmp_path, ADMINS="Ops <ops@example.org>")

    first, body = out.split("\n", 1)
    assert first == "503 database 30"
    assert '<html lang="sv">' in body
    assert "Servern når inte sin databas just nu." in body
    assert "Det du har sparat har inte gått förlorat" in body
    assert "De som driver webbplatsen har fått veta det." in body


def test_an_htmx_request_during_a_database_outage_gets_a_not_saved_fragment(tmp_path):
    code = PAGE.format(path="/", headers={"HTTP_HX_REQUEST": "true"})

    out = _probe(code, tmp_path)

    first, body = out.split("\n", 1)
    assert first == "503 database 30"
    assert body.strip() == (
        '<span class="text-danger" role="status">Not saved: The server cannot reach its '
        "database just now. Your text is kept in this browser; retrying…</span>"
    )


def test_a_json_client_during_a_database_outage_gets_json(tmp_path):
    out = _probe(PAGE.format(path="/", headers={"HTTP_ACCEPT": "application/json"}), tmp_path)

    first, body = out.split("\n", 1)
    assert first == "503 database 30"
    assert body.strip() == (
        '{"error": "unavailable", "part": "database", "message": "The server cannot reach its '
        'database just now.", "saved_data_lost": false}'
    )


@pytest.fixture
def redis_away(settings):
    settings.REDIS_URL = f"redis://{CLOSED}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSafeRedisCache",
            "LOCATION": f"redis://{CLOSED}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.django_db
def test_with_redis_away_pages_render_and_health_says_so(client, redis_away):
    home = client.get("/")
    health = client.get("/healthz")

    assert home.status_code == 200
    assert (health.status_code, health.json()["checks"]["redis"]) == (503, False)


@pytest.mark.django_db
def test_with_redis_away_sign_in_still_works(redis_away):
    from django.test import Client

    user = UserFactory(email="sally@turnup.example")
    user.set_password("a-long-and-unusual-passphrase")
    user.save()
    client = Client()

    response = client.post(
        "/accounts/login/",
        {"login": "sally@turnup.example", "password": "a-long-and-unusual-passphrase"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_an_upload_while_storage_is_away_is_a_message_next_to_the_field(
    client, settings, s3_bucket
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**s3_bucket["options"], "endpoint_url": f"http://{CLOSED}"},
        },
    }
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = client.post(
        reverse("submissions:attachment-upload", args=[entry.pk, question.pk]),
        {"file": upload("plan.pdf", PDF)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.status_code == 503
    assert 'aria-invalid="true"' in response.text
    assert "our file storage is not answering just now" in response.text
    assert Attachment.objects.count() == 0
