"""Peak memory of a gunicorn worker receiving large uploads: it must not grow with the file size.

    DATABASE_URL=postgres://... python benchmarks/bench_upload.py [--sizes 20,200] \
        [--storage local,s3]

Starts gunicorn (2 sync workers, production settings) on a free port, once with files on local
disk and once with an S3 bucket on a moto_server of its own. An entrant with a draft entry whose
file question takes PDFs up to 250 MB uploads generated files (a PDF header, then padding) through
the real upload route: the multipart body is written to a temporary file first and `requests`
streams it from the file handle, so the client holds none of it in memory. Before each upload the
workers' peak RSS (VmHWM) is reset to their current RSS (/proc/<pid>/clear_refs); after it, the
table shows the highest VmHWM of the workers and its growth.

Everything it makes hangs off the award `upload-bench` and is removed at the end.
"""

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from _setup import (  # noqa: E402
    PRODUCTION_ENV,
    ROOT,
    VENV_BIN,
    collectstatic,
    django_setup,
    free_port,
    print_table,
    production_mode,
    session_for,
    wait_for_port,
)

production_mode()

django_setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, Category, Edition  # noqa: E402
from submissions.enums import QuestionKind, TeamRole  # noqa: E402
from submissions.models import Attachment, Entry, Question, TeamMember  # noqa: E402

MB = 1024 * 1024
SLUG = "upload-bench"
EMAIL = "uploader@upload-bench.example"
UNUSABLE_PASSWORD = "!"  # noqa: S105 (Django's marker for "no password")
# moto accepts any credentials.
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}  # noqa: S105


def cleanup() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email=EMAIL).delete()


def make_world() -> tuple[Entry, Question, User]:
    """An open category whose file question takes PDFs up to 250 MB, and an entrant's draft."""
    cleanup()
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="UPL", name_en="Upload bench", name_sv="Upload")
    edition = Edition.objects.create(
        award=award,
        year=2031,
        call_opens_at=now - dt.timedelta(days=1),
        call_closes_at=now + dt.timedelta(days=1),
    )
    category = Category.objects.create(edition=edition, slug="big", code="BIG", name_en="Big")
    question = Question.objects.create(
        category=category,
        position=0,
        kind=QuestionKind.FILE,
        label_en="Business plan",
        allowed_types="pdf",
        max_file_size_mb=250,
        max_files=20,
    )
    user = User.objects.create(email=EMAIL, display_name="Uploader", password=UNUSABLE_PASSWORD)
    entry = Entry.objects.create(category=category, owner=user, title="Big files")
    TeamMember.objects.create(entry=entry, user=user, role=TeamRole.OWNER)
    return entry, question, user


@contextmanager
def moto_server():
    import boto3

    port = free_port()
    process = subprocess.Popen(
        [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        endpoint = f"http://127.0.0.1:{port}"
        bucket = f"laurel-bench-{uuid.uuid4().hex[:8]}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        ).create_bucket(Bucket=bucket)
        yield {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            **S3_CREDENTIALS,
        }
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def gunicorn(storage_env: dict):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        **PRODUCTION_ENV,
        **storage_env,
    }
    collectstatic(env)
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "config.wsgi", "-w", "2", "--timeout", "600",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port)
        deadline = time.monotonic() + 30
        while len(workers(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def status_kb(pid: int, field: str) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE).group(1))


def reset_peaks(pids: list[int]) -> dict[int, int]:
    """Lower each worker's VmHWM to its current RSS; return those RSS (kB)."""
    for pid in pids:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    return {pid: status_kb(pid, "VmRSS") for pid in pids}


def write_body(path: Path, *, boundary: str, token: str, name: str, size: int) -> None:
    """A multipart/form-data body: the CSRF token, then a `size`-byte PDF (header + padding)."""
    head = b"%PDF-1.4\n"
    tail = b"\n%%EOF\n"
    block = (b"% padding for the upload benchmark\n" * 30000)[:MB]
    with path.open("wb") as body:
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        body.write(head)
        left = size - len(head) - len(tail)
        while left > 0:
            body.write(block[: min(left, MB)])
            left -= min(left, MB)
        body.write(tail)
        body.write(f"\r\n--{boundary}--\r\n".encode())


def run_storage(label: str, storage_env: dict, sizes: list[int], world, tmp: Path) -> list:
    import requests

    entry, question, user = world
    rows = []
    cookie = f"sessionid={session_for(user.pk, user.get_session_auth_hash())}"
    edit = reverse("submissions:entry-edit", kwargs={"pk": entry.pk})
    upload = reverse(
        "submissions:attachment-upload", kwargs={"entry_pk": entry.pk, "question_pk": question.pk}
    )
    with gunicorn(storage_env) as (base, master):
        pids = workers(master)
        page = requests.get(base + edit, headers={"Cookie": cookie}, timeout=60)
        page.raise_for_status()
        if page.history:
            raise RuntimeError(f"not signed in: {base + edit} redirected to {page.url}")
        csrf_cookie = page.cookies["csrftoken"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        headers_base = {"Cookie": f"{cookie}; csrftoken={csrf_cookie}"}
        # Warm-up: a few small uploads so both workers have imported and connected everything.
        for size_mb in [1] * 4 + sizes:
            warm = size_mb == 1
            boundary = uuid.uuid4().hex
            body_path = tmp / f"body-{size_mb}.bin"
            write_body(
                body_path, boundary=boundary, token=token, name=f"plan-{size_mb}MB.pdf",
                size=size_mb * MB,
            )  # fmt: skip
            base_rss = reset_peaks(pids)
            started = time.perf_counter()
            with body_path.open("rb") as body:
                response = requests.post(
                    base + upload,
                    data=body,
                    headers={
                        **headers_base,
                        "Content-Type": f"multipart/form-data; boundary={boundary}",
                    },
                    allow_redirects=False,
                    timeout=600,
                )
            seconds = time.perf_counter() - started
            peaks = {pid: status_kb(pid, "VmHWM") for pid in pids}
            body_path.unlink()
            if response.status_code != 302 or "#attachments-" not in response.headers["Location"]:
                raise RuntimeError(
                    f"upload of {size_mb} MB answered {response.status_code} "
                    f"{response.headers.get('Location', '')}"
                )
            if warm:
                continue
            stored = Attachment.objects.filter(entry=entry).latest("pk")
            if stored.size != size_mb * MB:
                raise RuntimeError(f"stored {stored.size} bytes, sent {size_mb * MB}")
            worker = max(pids, key=lambda pid: peaks[pid] - base_rss[pid])
            rows.append(
                (
                    label,
                    f"{size_mb}",
                    f"{seconds:.2f}",
                    f"{size_mb / seconds:.0f}",
                    f"{base_rss[worker] / 1024:.1f}",
                    f"{peaks[worker] / 1024:.1f}",
                    f"{(peaks[worker] - base_rss[worker]) / 1024:.1f}",
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,200", help="file sizes in MB, comma-separated")
    parser.add_argument("--storage", default="local,s3", help="local, s3 or both")
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. laurel_bench)")
    sizes = [int(size) for size in args.sizes.split(",")]
    storages = args.storage.split(",")
    world = make_world()
    tmp = Path(tempfile.mkdtemp(prefix="laurel-upload-bench-"))
    rows = []
    try:
        if "local" in storages:
            media = tmp / "media"
            rows += run_storage("local disk", {"MEDIA_ROOT": str(media)}, sizes, world, tmp)
        if "s3" in storages:
            with moto_server() as s3_env:
                rows += run_storage("S3 (moto)", s3_env, sizes, world, tmp)
    finally:
        cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(
        "Upload through gunicorn -w 2 (sync), PostgreSQL; peak RSS of the worker that took it",
        rows,
        (
            "storage",
            "file MB",
            "upload s",
            "MB/s",
            "worker RSS before MB",
            "worker peak RSS MB",
            "growth MB",
        ),
    )


if __name__ == "__main__":
    main()
