"""Settings come from the environment; each case runs Django in a process of its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "award.example.org",
}
PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": settings.DATABASES["default"]["NAME"],
    "db_host": settings.DATABASES["default"]["HOST"],
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": {k: str(v) for k, v in settings.STORAGES["default"]["OPTIONS"].items()},
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "email": settings.EMAIL_BACKEND,
    "tasks": settings.TASKS["default"]["BACKEND"],
    "time_zone": settings.TIME_ZONE,
    "languages": [code for code, _ in settings.LANGUAGES],
    "debug": settings.DEBUG,
}))
"""
CLEARED = [
    "DATABASE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "TASKS_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings", "TESTING": "false"})
    base.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def _settings(env: dict[str, str]) -> dict:
    result = _run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_local_files_console_email_and_immediate_tasks():
    found = _settings({})

    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["storage"] == "django.core.files.storage.FileSystemStorage"
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["email"] == "django.core.mail.backends.console.EmailBackend"
    assert found["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert found["time_zone"] == "Europe/Stockholm"
    assert found["languages"] == ["en", "sv"]
    assert found["debug"] is True


def test_database_url_switches_to_postgresql():
    found = _settings({"DATABASE_URL": "postgres://laurel:pw@db.internal:5432/laurel"})

    assert (found["engine"], found["db_name"], found["db_host"]) == (
        "django.db.backends.postgresql",
        "laurel",
        "db.internal",
    )


def test_bucket_switches_default_storage_to_private_signed_s3():
    found = _settings(
        {
            "AWS_STORAGE_BUCKET_NAME": "laurel-files",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "AWS_S3_REGION_NAME": "eu-north-1",
        }
    )

    assert found["storage"] == "storages.backends.s3.S3Storage"
    options = found["storage_options"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "laurel-files",
        "http://127.0.0.1:9000",
        "eu-north-1",
    )
    assert (options["signature_version"], options["default_acl"]) == ("s3v4", "private")
    assert (options["file_overwrite"], options["querystring_auth"]) == ("False", "True")
    assert options["querystring_expire"] == "300"


def test_redis_smtp_and_database_tasks_in_production():
    found = _settings(
        {
            **PRODUCTION,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "EMAIL_HOST": "smtp.example.org",
        }
    )

    assert found["cache"] == "config.cache.FailSafeRedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"


def test_production_without_secret_key_stops_with_a_clear_message():
    result = _run(["manage.py", "check"], {"DEBUG": "false", "ALLOWED_HOSTS": "award.example.org"})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_stops_with_a_clear_message():
    result = _run(
        ["manage.py", "check"], {"DEBUG": "false", "SECRET_KEY": PRODUCTION["SECRET_KEY"]}
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
