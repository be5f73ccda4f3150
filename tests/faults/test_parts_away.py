"""Redis and the S3 endpoint away, and oversized bodies, against gunicorn in production mode:
no 500 page, /healthz truthful, uploads refused before they are read."""

import re
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.factories import EntryFactory
from tests.faults.conftest import CLOSED_PORT, gunicorn, postgres_only
from tests.submissions.samples import PDF, file_question

pytestmark = [postgres_only(), pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase"
CLOSED = f"127.0.0.1:{CLOSED_PORT}"


def _sign_in(base: str, email: str) -> dict:
    """Signs in; returns the Cookie header a signed-in browser sends (cookies are Secure in
    production, so requests would not send them over http by itself)."""
    page = requests.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    csrf = page.cookies["csrftoken"]
    response = requests.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/", "Cookie": f"csrftoken={csrf}"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return {
        "Cookie": f"csrftoken={response.cookies.get('csrftoken', csrf)}; "
        f"sessionid={response.cookies['sessionid']}",
        "X-CSRFToken": response.cookies.get("csrftoken", csrf),
        "Referer": base + "/",
    }


def _entry_with_file_question(max_mb: int = 1):
    entry = EntryFactory()
    entry.owner.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    entry.owner.save()
    question = file_question(entry, max_file_size_mb=max_mb)
    url = reverse("submissions:attachment-upload", args=[entry.pk, question.pk])
    return entry, url


def test_with_redis_away_pages_and_sign_in_work_and_health_says_so(fault_env):
    entry, _ = _entry_with_file_question()
    env = {**fault_env, "REDIS_URL": f"redis://{CLOSED}/0"}
    with gunicorn(env) as (base, _):
        home = requests.get(f"{base}/", timeout=30)
        headers = _sign_in(base, entry.owner.email)
        profile = requests.get(f"{base}/accounts/profile/", headers=headers, timeout=30)
        health = requests.get(f"{base}/healthz", timeout=30)

    assert home.status_code == 200
    assert (profile.status_code, entry.owner.email in profile.text) == (200, True)
    assert health.status_code == 503
    assert health.json()["checks"] == {
        "database": True,
        "storage": True,
        "redis": False,
        "tasks": False,  # no worker runs in this test
    }


def test_with_storage_cut_an_upload_says_so_by_the_field_and_health_tells(fault_env):
    entry, url = _entry_with_file_question(max_mb=5)
    env = {**fault_env, "AWS_S3_ENDPOINT_URL": f"http://{CLOSED}"}
    with gunicorn(env) as (base, _):
        headers = _sign_in(base, entry.owner.email)
        upload = requests.post(
            base + url,
            files={"file": ("plan.pdf", PDF, "application/pdf")},
            headers={**headers, "X-Requested-With": "XMLHttpRequest"},
            timeout=120,
        )
        page = requests.get(f"{base}{entry.get_absolute_url()}", headers=headers, timeout=30)
        health = requests.get(f"{base}/healthz", timeout=30)

    assert upload.status_code == 503
    assert "our file storage is not answering just now" in upload.text
    assert page.status_code == 200
    assert (health.status_code, health.json()["checks"]["storage"]) == (503, False)


def _worker_rss_kb(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    out = []
    for pid in children:
        text = Path(f"/proc/{pid}/status").read_text()
        out.append(int(re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE).group(1)))
    return out


def _endless(total: int):
    block = b"0" * (1024 * 1024)
    sent = 0
    while sent < total:
        yield block
        sent += len(block)


class _Declared:
    """A streamed body with a declared length (a bare generator would be sent chunked)."""

    def __init__(self, total: int):
        self.total = total

    def __len__(self):
        return self.total

    def __iter__(self):
        return _endless(self.total)


def test_a_2_gib_upload_to_a_1_mb_question_is_refused_at_once(fault_env):
    entry, url = _entry_with_file_question(max_mb=1)
    with gunicorn(fault_env) as (base, server):
        headers = _sign_in(base, entry.owner.email)
        requests.get(f"{base}/", timeout=30)
        before = max(_worker_rss_kb(server.pid))
        started = time.monotonic()
        try:
            response = requests.post(
                base + url,
                data=_Declared(2 * 1024**3),
                headers={
                    **headers,
                    "X-Requested-With": "XMLHttpRequest",
                    "Content-Type": "multipart/form-data; boundary=x",
                },
                timeout=60,
            )
            status, text = response.status_code, response.text
        except requests.ConnectionError:
            # The server answered and closed before the client finished sending.
            status, text = 413, None
        seconds = time.monotonic() - started
        chunked = requests.post(
            base + url,
            data=_endless(3 * 1024 * 1024),
            headers={**headers, "X-Requested-With": "XMLHttpRequest",
                     "Content-Type": "multipart/form-data; boundary=x"},
            timeout=60,
        )  # fmt: skip
        after = max(_worker_rss_kb(server.pid))

    assert status == 413
    assert text in (None, "This file is larger than the limit of 1 MB for this question.")
    assert seconds < 10
    assert chunked.status_code == 413, chunked.text[:300]
    assert chunked.text == "This file is larger than the limit of 1 MB for this question."
    assert after - before < 30 * 1024  # kB: flat, whatever was sent
