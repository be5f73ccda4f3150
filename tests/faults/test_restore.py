"""A pg_dump restored into a fresh database serves the site (README "Operations")."""

import os
import re
import subprocess
import sys
import uuid

import pytest
import requests
from django.contrib.auth.hashers import make_password
from django.db import connection

from outbox.models import OutgoingEmail
from tests.factories import AwardFactory, UserFactory
from tests.faults.conftest import ROOT, database_url, gunicorn, postgres_only

pytestmark = [postgres_only(), pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase"


def _pg_env() -> dict:
    db = connection.settings_dict
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    env["PGUSER"] = db["USER"]
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def test_a_dump_restored_into_a_fresh_database_serves_the_site(fault_env, tmp_path):
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        if subprocess.run(["which", tool], capture_output=True).returncode:
            pytest.skip(f"{tool} is not installed")
    user = UserFactory(email="restored@example.org")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    AwardFactory(name_en="Flemingsberg Science Award")
    OutgoingEmail.objects.create(to="queued@example.org", subject="S", body="B", from_email="x")
    dump = tmp_path / "laurel.dump"
    env = _pg_env()
    name = f"laurel_restored_{uuid.uuid4().hex[:8]}"

    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", connection.settings_dict["NAME"]],
        env=env,
        check=True,
    )
    subprocess.run(["createdb", name], env=env, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={name}", str(dump)], env=env, check=True
        )
        restored_url = database_url().rsplit("/", 1)[0] + f"/{name}"
        served = {**fault_env, "DATABASE_URL": restored_url}
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            env=served,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        with gunicorn(served) as (base, _):
            health = requests.get(f"{base}/healthz", timeout=30)
            page = requests.get(f"{base}/accounts/login/", timeout=30)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            signed_in = requests.post(
                f"{base}/accounts/login/",
                data={"login": "restored@example.org", "password": PASSWORD,
                      "csrfmiddlewaretoken": token},
                headers={"Referer": f"{base}/accounts/login/",
                         "Cookie": f"csrftoken={page.cookies['csrftoken']}"},
                allow_redirects=False,
                timeout=30,
            )  # fmt: skip
        count = subprocess.run(
            ["psql", "-tA", "-d", name, "-c", 'SELECT "to" FROM outbox_outgoingemail'],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        subprocess.run(["dropdb", "--force", name], env=env, check=False)

    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert (health.status_code, health.json()["checks"]["database"]) == (200, True)
    assert signed_in.status_code == 302
    assert count.stdout.split() == ["queued@example.org"]
