"""Peak memory of gunicorn workers for uploads they must refuse, and for ten accepted at once.

    DATABASE_URL=postgres://... python benchmarks/bench_upload_memory.py [--gib 2] \
        [--accepted-mb 40]

Starts gunicorn (2 sync workers, production settings, files on local disk) and, for a draft
entry whose file question takes PDFs up to 1 MB (and another up to 50 MB):
- one attempt to upload 2 GiB with a declared length (streamed from a generator: the client
  holds 1 MiB at a time), then ten at once;
- one 2 GiB attempt without a declared length (chunked), then ten at once;
- ten 40 MiB uploads to the 50 MB question at once (accepted, stored).
Before each scenario the workers' peak RSS (VmHWM) is reset to their current RSS; after it, the
table shows the workers' RSS before, their highest peak, and the growth. Refused bodies are
answered 413 before they are read (config/body_limits.py), so memory stays flat whatever the
size. Everything hangs off the award `upload-memory-bench` and is removed at the end.
"""

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _setup import print_table, session_for
from bench_upload import gunicorn, reset_peaks, status_kb, workers
from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, Category, Edition  # noqa: E402
from submissions.enums import QuestionKind, TeamRole  # noqa: E402
from submissions.models import Entry, Question, TeamMember  # noqa: E402

MB = 1024 * 1024
SLUG = "upload-memory-bench"
EMAIL = "uploader@upload-memory-bench.example"


def cleanup() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email=EMAIL).delete()


def make_world():
    cleanup()
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="UPM", name_en="Upload memory", name_sv="Upl")
    edition = Edition.objects.create(
        award=award,
        year=2031,
        call_opens_at=now - dt.timedelta(days=1),
        call_closes_at=now + dt.timedelta(days=1),
    )
    category = Category.objects.create(edition=edition, slug="m", code="MEM", name_en="Memory")
    small, large = (
        Question.objects.create(
            category=category,
            position=position,
            kind=QuestionKind.FILE,
            label_en=f"Up to {limit} MB",
            allowed_types="pdf",
            max_file_size_mb=limit,
            max_files=20,
        )
        for position, limit in ((0, 1), (1, 50))
    )
    user = User.objects.create(email=EMAIL, display_name="Uploader", password="!")  # noqa: S106 (no password)
    entry = Entry.objects.create(category=category, owner=user, title="Memory")
    TeamMember.objects.create(entry=entry, user=user, role=TeamRole.OWNER)
    return entry, small, large, user


def write_pdf_body(path: Path, *, token: str, size: int) -> None:
    """A multipart body around a real PDF of about `size` bytes (one page and a large stream
    of incompressible bytes): uploads are checked to be readable PDFs."""
    import os

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Filler = pikepdf.Stream(pdf, os.urandom(size))
    pdf_path = path.with_suffix(".pdf")
    pdf.save(pdf_path)
    with path.open("wb") as body, pdf_path.open("rb") as source:
        body.write(
            f'--bench\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--bench\r\n"
            'Content-Disposition: form-data; name="file"; filename="plan.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        shutil.copyfileobj(source, body)
        body.write(b"\r\n--bench--\r\n")
    pdf_path.unlink()


class Declared:
    """A body of `total` bytes with a declared length, made 1 MiB at a time."""

    def __init__(self, total: int):
        self.total = total

    def __len__(self):
        return self.total

    def __iter__(self):
        block = b"0" * MB
        for _ in range(self.total // MB):
            yield block


def chunked(total: int):
    block = b"0" * MB
    for _ in range(total // MB):
        yield block


def attempt(url: str, headers: dict, body) -> str:
    import requests

    try:
        response = requests.post(url, data=body, headers=headers, timeout=600)
        if response.status_code == 400:
            error = re.search(r'class="invalid-feedback[^>]*>([^<]+)<', response.text)
            print("400:", error.group(1).strip() if error else response.text[:300], file=sys.stderr)
        return str(response.status_code)
    except requests.ConnectionError:
        return "413+closed"  # answered, then closed before the client finished sending


def scenario(label, pids, fn, count) -> tuple:
    base = reset_peaks(pids)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        answers = list(pool.map(lambda _: fn(), range(count)))
    seconds = time.perf_counter() - started
    peaks = {pid: status_kb(pid, "VmHWM") for pid in pids}
    growth = max(peaks[pid] - base[pid] for pid in pids)
    summary = ",".join(f"{a}×{answers.count(a)}" for a in sorted(set(answers)))
    return (
        label,
        str(count),
        summary,
        f"{seconds:.2f}",
        f"{max(base.values()) / 1024:.1f}",
        f"{max(peaks.values()) / 1024:.1f}",
        f"{growth / 1024:.1f}",
    )


def main() -> None:
    import requests

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=2)
    parser.add_argument("--accepted-mb", type=int, default=40)
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. laurel_bench)")
    size = int(args.gib * 1024 * MB)
    entry, small, large, user = make_world()
    tmp = Path(tempfile.mkdtemp(prefix="laurel-upload-memory-"))
    rows = []
    try:
        with gunicorn({"MEDIA_ROOT": str(tmp / "media")}) as (base, master):
            pids = workers(master)
            cookie = f"sessionid={session_for(user.pk, user.get_session_auth_hash())}"
            edit = base + reverse("submissions:entry-edit", kwargs={"pk": entry.pk})
            page = requests.get(edit, headers={"Cookie": cookie}, timeout=60)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            headers = {
                "Cookie": f"{cookie}; csrftoken={page.cookies['csrftoken']}",
                "X-CSRFToken": token,
                "Referer": edit,
                "X-Requested-With": "XMLHttpRequest",
                "Content-Type": "multipart/form-data; boundary=bench",
            }

            def url(question):
                return base + reverse(
                    "submissions:attachment-upload",
                    kwargs={"entry_pk": entry.pk, "question_pk": question.pk},
                )

            gib = f"{args.gib:g} GiB"
            declared = lambda: attempt(url(small), headers, Declared(size))  # noqa: E731
            without = lambda: attempt(url(small), headers, chunked(size))  # noqa: E731
            for label, fn in ((f"{gib} declared, 1 MB question", declared),
                              (f"{gib} chunked, 1 MB question", without)):  # fmt: skip
                rows.append(scenario(label, pids, fn, 1))
                rows.append(scenario(label, pids, fn, 10))

            body_path = tmp / "accepted.bin"
            write_pdf_body(body_path, token=token, size=args.accepted_mb * MB)

            def accepted():
                with body_path.open("rb") as body:
                    return attempt(url(large), headers, body)

            rows.append(scenario(f"{args.accepted_mb} MiB accepted, 50 MB question", pids,
                                 accepted, 10))  # fmt: skip
    finally:
        cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(
        "Uploads through gunicorn -w 2 (sync), PostgreSQL, local disk; workers' RSS",
        rows,
        ("scenario", "at once", "answers", "seconds", "RSS before MB", "peak RSS MB", "growth MB"),
    )


if __name__ == "__main__":
    main()
