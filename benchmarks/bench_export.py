"""Time and peak memory of the organiser's CSV export of a whole edition, beside reading its rows.

    DATABASE_URL=postgres://... python benchmarks/seed_scale.py      # once: 10,000 entries
    DATABASE_URL=postgres://... python benchmarks/bench_export.py

Each stage runs in a fresh Python process, warmed up, its resident set's high-water mark
(ru_maxrss) reset to the current RSS (Linux), then run once plainly for the time and the growth of
ru_maxrss, and again under tracemalloc for the peak of Python allocations and the query count.
The stages:

- read the rows: the export's queryset (entries_for_organiser) iterated in chunks, nothing else;
- build the rows: entry_export_rows (the same queryset with answers, files and team prefetched);
- the export view: GET entries.csv through django.test.Client as an organiser with two-factor
  authentication, consuming `streaming_content` chunk by chunk; then the same for one category.

A streamed export holds one chunk of entries at a time: its peak must stay far below the size of
the CSV it sends.
"""

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

# Production mode: DEBUG=true would keep every query in memory and distort the figures.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault(
    "SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from _setup import ROOT, django_setup, print_table  # noqa: E402

django_setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Edition  # noqa: E402
from submissions.exports import entry_export_rows  # noqa: E402
from submissions.selectors import entries_for_organiser  # noqa: E402

SLUG = "scale-award"
ORGANISER = "export-organiser@bench.example"
STAGES = {
    "read": "read the rows (queryset only)",
    "rows": "build the export rows",
    "view": "export view, streamed CSV",
    "view-category": "export view, one category",
}


def _edition() -> Edition:
    edition = (
        Edition.objects.filter(award__slug=SLUG, categories__entries__isnull=False)
        .distinct()
        .first()
    )
    if edition is None:
        sys.exit(
            "No seeded season: run `python benchmarks/seed_scale.py` first (same DATABASE_URL)"
        )
    return edition


def _organiser() -> User:
    """A staff user with the permission to view entries and two-factor authentication."""
    user, created = User.objects.get_or_create(
        email=ORGANISER, defaults={"is_staff": True, "display_name": "Export organiser"}
    )
    if created or not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="submissions", codename="view_entry")
    )
    return user


def _run(stage: str, edition: Edition, client: Client | None) -> tuple[int, int]:
    """Do the stage once; return (rows or lines read, bytes produced)."""
    if stage == "read":
        rows = 0
        for _entry in entries_for_organiser(edition=edition).iterator(chunk_size=500):
            rows += 1
        return rows, 0
    if stage == "rows":
        rows = 0
        for _row in entry_export_rows(
            edition=edition, entries=entries_for_organiser(edition=edition)
        ):
            rows += 1
        return rows - 1, 0  # the header is not an entry
    url = reverse("submissions:organiser-entry-export", kwargs={"edition_pk": edition.pk})
    # A fifth of the entries: the peak must not depend on how many entries are exported.
    query = {"category": edition.categories.order_by("position").first().pk}
    response = client.get(url, query if stage == "view-category" else {})
    assert response.status_code == 200, response.status_code
    assert response.streaming, "the export must be streamed"
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    return lines - 1, size  # header line; cells hold no newlines in the seeded data


def _reset_peak_rss() -> None:
    """Linux: lower the high-water mark (ru_maxrss) to the current RSS, so the warm-up's own
    peak (importing the URLconf and its views) does not hide the stage's."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass  # elsewhere the growth is measured from the warm-up's peak


def measure(stage: str) -> dict:
    """Run in a child process: the stage plainly (time, RSS growth), then under tracemalloc."""
    edition = _edition()
    client = None
    if stage.startswith("view"):
        client = Client()
        client.force_login(_organiser())
    # Warm up what any stage needs (connection, URLconf and the views it imports, translations)
    # so that only the stage's own work is measured; the view by an export matching no entry.
    url = reverse("submissions:organiser-entry-export", kwargs={"edition_pk": edition.pk})
    list(entries_for_organiser(edition=edition)[:5])
    if client is not None:
        b"".join(client.get(url, {"q": "no such entry"}).streaming_content)
    _reset_peak_rss()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    rows, size = _run(stage, edition, client)
    seconds = time.perf_counter() - started
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        _run(stage, edition, client)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rss_growth_kb": rss_growth,
        "peak_bytes": peak,
        "queries": len(queries),
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--stage":
        print(json.dumps(measure(sys.argv[2])))
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database seeded by seed_scale.py")
    edition = _edition()
    _organiser()
    results = {}
    for stage in STAGES:
        output = subprocess.run(
            [sys.executable, __file__, "--stage", stage],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[stage] = json.loads(output.strip().splitlines()[-1])
    csv_mb = results["view"]["bytes"] / 1024 / 1024
    rows = [
        (
            label,
            results[stage]["rows"],
            f"{results[stage]['seconds']:.2f}",
            f"{results[stage]['peak_bytes'] / 1024 / 1024:.1f}",
            f"{results[stage]['rss_growth_kb'] / 1024:.1f}",
            results[stage]["queries"],
            f"{results[stage]['bytes'] / 1024 / 1024:.1f}" if results[stage]["bytes"] else "",
        )
        for stage, label in STAGES.items()
    ]
    print_table(
        f"CSV export of {edition} ({results['read']['rows']} entries), PostgreSQL; "
        f"each stage in a fresh process",
        rows,
        ("stage", "rows", "time s", "tracemalloc peak MB", "RSS growth MB", "queries", "CSV MB"),
    )
    view = results["view"]
    print(
        f"\nexport / read time: {view['seconds'] / results['read']['seconds']:.1f}x; "
        f"peak Python memory of the export: {view['peak_bytes'] / 1024 / 1024:.1f} MB "
        f"for a {csv_mb:.1f} MB CSV "
        f"({view['peak_bytes'] / max(view['bytes'], 1):.0%} of it)"
    )


if __name__ == "__main__":
    main()
