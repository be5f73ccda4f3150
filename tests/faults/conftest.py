"""Faults injected into a production-mode Laurel: gunicorn and `run_worker` processes against
PostgreSQL, the S3 endpoint and Redis (as in tests/scaleout/), each test free to take a part
away: a worker killed, SMTP refusing, the database behind a proxy the test can cut, Redis and
the S3 endpoint pointed at a closed port."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import _free_port, _wait_for_port

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CLOSED_PORT = 1

pytestmark = [pytest.mark.postgres]


def postgres_only():
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason="fault tests need PostgreSQL (set DATABASE_URL)"
    )


def database_url(*, host: str | None = None, port: int | None = None) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = host or db["HOST"] or "127.0.0.1"
    port = port or db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def collected_static():
    """Production mode serves hashed static files from a manifest: build it once."""
    env = {**os.environ, "DEBUG": "false", "TESTING": "false", "SECRET_KEY": "x" * 50}
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@pytest.fixture
def fault_env(s3_bucket, collected_static):
    options = s3_bucket["options"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        # Connections are not kept: after an outage the next request connects afresh.
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "AWS_STORAGE_BUCKET_NAME": options["bucket_name"],
        "AWS_S3_ENDPOINT_URL": options["endpoint_url"],
        "AWS_ACCESS_KEY_ID": options["access_key"],
        "AWS_SECRET_ACCESS_KEY": options["secret_key"],
        "AWS_S3_REGION_NAME": options["region_name"],
        "TASKS_BACKEND": "database",
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": "fault-tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_FORMAT": "json",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "OUTBOX_SWEEP_SECONDS": "1",
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST"):
        env.pop(name, None)
    return env


@contextmanager
def gunicorn(env: dict, workers: int = 1):
    port = _free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "-w", str(workers), "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def worker(env: dict, *extra: str, log: Path | None = None):
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", *extra],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if log:
            out.close()


def wait_until(check, *, timeout: float = 60, every: float = 0.3, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


class TCPProxy:
    """Forwards 127.0.0.1:<port> to a target; `cut()` drops every connection and refuses new
    ones, `restore()` accepts again. Stands in for a database that goes away and comes back."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = _free_port()
        self.listener = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.open()

    def open(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        # shutdown() first: close() alone does not wake a thread blocked in accept(), and the
        # socket would go on accepting.
        with suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.connections:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass
            self.connections = []

    def restore(self):
        self.open()

    def close(self):
        self.cut()
