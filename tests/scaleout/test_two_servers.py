"""Two app servers (gunicorn on two ports) sharing PostgreSQL, the S3 endpoint and Redis, plus a
db_worker: what one server starts, the other (or the worker) carries on."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.db import connection

from submissions.models import Attachment
from tests.conftest import _free_port, _wait_for_port
from tests.factories import EntryFactory, UserFactory
from tests.submissions.samples import PDF, file_question

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "a-long-and-unusual-passphrase"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="scale-out needs PostgreSQL (set DATABASE_URL)"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


@pytest.fixture
def shared_env(s3_bucket):
    options = s3_bucket["options"]
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "AWS_STORAGE_BUCKET_NAME": options["bucket_name"],
        "AWS_S3_ENDPOINT_URL": options["endpoint_url"],
        "AWS_ACCESS_KEY_ID": options["access_key"],
        "AWS_SECRET_ACCESS_KEY": options["secret_key"],
        "AWS_S3_REGION_NAME": options["region_name"],
        "TASKS_BACKEND": "database",
        "DEBUG": "true",
        "TESTING": "false",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@pytest.fixture
def two_servers(shared_env):
    servers, urls = [], []
    for _ in range(2):
        port = _free_port()
        servers.append(
            subprocess.Popen(
                [
                    str(VENV_BIN / "gunicorn"),
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "-w",
                    "1",
                ],
                cwd=ROOT,
                env=shared_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            _wait_for_port(int(url.rsplit(":", 1)[1]), timeout=60)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


def _user_for_servers(email: str):
    """A user whose password the app servers can check: they do not have the tests' fast hasher."""
    user = UserFactory(email=email)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    return user


def _sign_in(session: requests.Session, base: str, email: str) -> None:
    page = session.get(f"{base}/accounts/login/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302


def test_session_started_on_one_server_works_on_the_other(two_servers):
    first, second = two_servers
    _user_for_servers("traveller@example.org")
    session = requests.Session()

    _sign_in(session, first, "traveller@example.org")
    response = session.get(f"{second}/accounts/profile/", allow_redirects=False, timeout=20)

    assert response.status_code == 200
    assert "traveller@example.org" in response.text


def test_task_queued_by_one_server_is_run_by_the_db_worker(two_servers, shared_env):
    first, _ = two_servers
    _user_for_servers("forgetful@example.org")
    session = requests.Session()
    page = session.get(f"{first}/accounts/password/reset/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    session.post(
        f"{first}/accounts/password/reset/",
        data={"email": "forgetful@example.org", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{first}/accounts/password/reset/"},
        timeout=20,
    )
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=shared_env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    # The development email backend prints the message the worker sent.
    assert worker.returncode == 0, worker.stderr
    assert "To: forgetful@example.org" in worker.stdout
    assert "/accounts/password/reset/key/" in worker.stdout


def test_file_uploaded_through_one_server_downloads_through_the_other(two_servers, s3_bucket):
    first, second = two_servers
    owner = _user_for_servers("sally@example.org")
    entry = EntryFactory(owner=owner, title="Turn UP")
    question = file_question(entry, max_files=1)
    # Past the in-memory upload limit (2 MB): the server spools it to a temporary file.
    content = PDF + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"
    session = requests.Session()
    _sign_in(session, first, "sally@example.org")
    page = session.get(f"{first}{entry.get_absolute_url()}", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    uploaded = session.post(
        f"{first}/entries/{entry.pk}/questions/{question.pk}/attachments/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("Turn UP plan.pdf", content, "application/pdf")},
        headers={"Referer": f"{first}{entry.get_absolute_url()}"},
        allow_redirects=False,
        timeout=60,
    )
    attachment = Attachment.objects.get(entry=entry, question=question)
    download = session.get(
        f"{second}/entries/attachments/{attachment.pk}/download/", allow_redirects=False, timeout=20
    )
    fetched = requests.get(download.headers["Location"], timeout=60)

    assert uploaded.status_code == 302
    assert download.status_code == 302
    assert download.headers["Location"].startswith(s3_bucket["options"]["endpoint_url"] + "/")
    assert "X-Amz-Signature=" in download.headers["Location"]
    assert fetched.status_code == 200
    assert fetched.content == content
    assert hashlib.sha256(fetched.content).hexdigest() == hashlib.sha256(content).hexdigest()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert (attachment.original_name, attachment.size) == ("Turn UP plan.pdf", len(content))
    assert fetched.headers["Content-Disposition"] == 'attachment; filename="Turn UP plan.pdf"'
