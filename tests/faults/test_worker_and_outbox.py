"""The worker and the outbox under faults: killed mid-send, SMTP refusing, the database away.
Each ends with every email sent exactly once and no task left RUNNING."""

import re
import signal

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import OutgoingEmail, WorkerHeartbeat
from tests.factories import UserFactory
from tests.faults.conftest import (
    TCPProxy,
    database_url,
    gunicorn,
    postgres_only,
    wait_until,
    worker,
)
from tests.outbox.smtp import SMTPServer

pytestmark = [postgres_only(), pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase"


def _smtp_env(env: dict, smtp: SMTPServer, **more) -> dict:
    return {
        **env,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "30",
        "OUTBOX_RETRY_BASE_SECONDS": "1",
        **more,
    }


def _ask_for_password_reset(base: str, email: str) -> requests.Response:
    page = requests.get(f"{base}/accounts/password/reset/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    # Production cookies are Secure: requests keeps them off plain http, so send it by hand.
    return requests.post(
        f"{base}/accounts/password/reset/",
        data={"email": email, "csrfmiddlewaretoken": token},
        headers={
            "Referer": f"{base}/accounts/password/reset/",
            "Cookie": f"csrftoken={page.cookies['csrftoken']}",
        },
        allow_redirects=False,
        timeout=30,
    )


def _user(email: str):
    user = UserFactory(email=email)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    return user


def _running_tasks() -> int:
    return DBTaskResult.objects.filter(status="RUNNING").count()


def test_a_worker_killed_mid_send_is_replaced_and_the_email_goes_out_once(fault_env, tmp_path):
    _user("forgetful@example.org")
    with SMTPServer() as smtp:
        env = _smtp_env(
            fault_env,
            smtp,
            OUTBOX_SENDING_LEASE_SECONDS="3",
            TASKS_WORKER_LEASE_SECONDS="3",
        )
        smtp.hold.set()
        with gunicorn(env) as (base, _):
            assert _ask_for_password_reset(base, "forgetful@example.org").status_code == 302
        with worker(env, "--worker-id", "doomed", log=tmp_path / "doomed.log") as doomed:
            wait_until(lambda: smtp.held == 1, what="the worker to be mid-send")
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(timeout=10)
        email = OutgoingEmail.objects.get(to="forgetful@example.org")
        assert (email.state, email.attempts, _running_tasks()) == ("sending", 1, 1)

        smtp.hold.clear()
        smtp.released.set()
        with worker(env, "--worker-id", "heir", log=tmp_path / "heir.log"):
            wait_until(
                lambda: OutgoingEmail.objects.filter(pk=email.pk, state="sent").exists(),
                what="the email to be sent by the second worker",
            )
            wait_until(lambda: _running_tasks() == 0, what="no task left running")

    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 2)
    assert len(smtp.messages) == 1
    assert "To: forgetful@example.org" in smtp.messages[0]


def test_smtp_refusing_then_recovering_sends_the_email_once(fault_env, tmp_path):
    _user("patient@example.org")
    with SMTPServer() as smtp:
        env = _smtp_env(fault_env, smtp)
        smtp.refuse_with = "421 4.3.2 service not available, try later"
        with gunicorn(env) as (base, _), worker(env, log=tmp_path / "worker.log"):
            _ask_for_password_reset(base, "patient@example.org")
            email = wait_until(
                lambda: OutgoingEmail.objects.filter(
                    to="patient@example.org", attempts__gte=2, state="queued"
                ).first(),
                what="two refused attempts",
            )
            assert email.last_error == "421 4.3.2 service not available, try later"

            smtp.refuse_with = ""
            wait_until(
                lambda: OutgoingEmail.objects.filter(pk=email.pk, state="sent").exists(),
                what="the email to go out once SMTP recovers",
            )

    assert len(smtp.messages) == 1
    assert DBTaskResult.objects.filter(status__in=["RUNNING", "READY"]).count() == 0


def test_the_worker_survives_a_database_outage_and_health_tells_the_truth(fault_env, tmp_path):
    _user("steadfast@example.org")
    proxy = TCPProxy("127.0.0.1", int(database_url().rsplit(":", 1)[1].split("/")[0]))
    try:
        with SMTPServer() as smtp:
            env = _smtp_env(
                fault_env,
                smtp,
                DATABASE_URL=database_url(host="127.0.0.1", port=proxy.port),
            )
            with gunicorn(env) as (base, _), worker(env, log=tmp_path / "w.log") as process:
                wait_until(lambda: WorkerHeartbeat.objects.exists(), what="a heartbeat")
                assert requests.get(f"{base}/healthz", timeout=30).json()["status"] == "ok"

                proxy.cut()
                # A page that must read the database (the session); public pages may come
                # from the Redis cache and still answer.
                page = requests.get(
                    f"{base}/accounts/profile/",
                    headers={"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"},
                    allow_redirects=False,
                    timeout=30,
                )
                health = requests.get(f"{base}/healthz", timeout=30)
                wait_until(lambda: "lost the database" in (tmp_path / "w.log").read_text(),
                           what="the worker to notice")  # fmt: skip

                assert page.status_code == 503, (page.status_code, page.headers, page.text[:200])
                assert page.headers["X-Laurel-Outage"] == "database"
                assert "The server cannot reach its database just now." in page.text
                assert (health.status_code, health.json()["checks"]["database"]) == (503, False)
                assert process.poll() is None

                proxy.restore()
                wait_until(
                    lambda: requests.get(f"{base}/healthz", timeout=30).status_code == 200,
                    what="health to recover",
                )
                _ask_for_password_reset(base, "steadfast@example.org")
                wait_until(
                    lambda: OutgoingEmail.objects.filter(
                        to="steadfast@example.org", state="sent"
                    ).exists(),
                    what="the same worker to send after the outage",
                )
                assert process.poll() is None
            assert len(smtp.messages) == 1
    finally:
        proxy.close()
    seen = WorkerHeartbeat.objects.get().last_seen_at
    assert (timezone.now() - seen).total_seconds() < 60
