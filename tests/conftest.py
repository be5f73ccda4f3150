"""Shared fixtures. External services are real: PostgreSQL when DATABASE_URL points at it, an S3
endpoint (moto_server, started here when none is configured), Chromium when it is installed."""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3 endpoint: the configured one (AWS_S3_ENDPOINT_URL), else a moto_server of our own."""
    configured = os.environ.get("AWS_S3_ENDPOINT_URL")
    if configured:
        yield configured
        return
    executable = shutil.which("moto_server", path=f"{VENV_BIN}:{os.environ.get('PATH', '')}")
    if not executable:
        pytest.skip("no S3 endpoint: set AWS_S3_ENDPOINT_URL or install moto[server]")
    port = _free_port()
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A fresh bucket on the S3 endpoint, with its boto3 client and storage options."""
    import boto3

    credentials = {
        "aws_access_key_id": os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        "aws_secret_access_key": os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        "region_name": os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
    }
    client = boto3.client("s3", endpoint_url=s3_endpoint, **credentials)
    name = f"laurel-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    options = {
        "bucket_name": name,
        "endpoint_url": s3_endpoint,
        "access_key": credentials["aws_access_key_id"],
        "secret_key": credentials["aws_secret_access_key"],
        "region_name": credentials["region_name"],
        "signature_version": "s3v4",
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    yield {"name": name, "client": client, "options": options}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])
    client.delete_bucket(Bucket=name)


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path):
    """Files written through local storage land in a folder of the test's own."""
    if not request.config.pluginmanager.hasplugin("django"):
        return  # pure tests (judging/results) can run without Django at all
    settings = request.getfixturevalue("settings")
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": tmp_path / "media", "base_url": "/media/"},
            },
        }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_first(request):
    """Each test starts in English: a request to /sv/ leaves Swedish active in the thread."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.utils import translation

        translation.activate("en")
        yield
        translation.deactivate()
    else:
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        cache.clear()
        yield
        cache.clear()
    else:
        yield


@pytest.fixture
def client():
    """Django's test client, whose force_login leaves a session that passed every sign-in step."""
    from tests.clients import LaurelClient

    return LaurelClient()


@pytest.fixture
def user(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory(is_staff=True)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    storage = settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]
    chromium = "present" if Path("/usr/bin/chromium").exists() else "absent"
    return [f"laurel: database={engine} storage={storage} chromium={chromium}"]


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_sep("=", f"{len(skipped)} skipped (reasons above, -rs)", yellow=True)
