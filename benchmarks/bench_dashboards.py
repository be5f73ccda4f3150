"""The judge's dashboard at two sizes and the signed-in pages, beside a bare Django view.

    DATABASE_URL=postgres://... python benchmarks/bench_dashboards.py [--seconds 10] \\
        [--interleaved 50]

Seeds its own small world (award `dash-bench`, users `@dash.example`; replaced on every run): a
judge with 500 assignments and one with 2,000 (a third each submitted, drafted, not started), an
entrant with 5 entries and a published winner, and an organiser of the award (staff, with a
second factor, as the console requires). Then measures under gunicorn (2 sync workers,
production settings) with wrk, each page beside /robots.txt (a trivial view) in the same run, and
counts each page's queries in this process.
"""

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from _setup import PRODUCTION_ENV, ROOT, collectstatic, free_port, print_table, session_for
from bench_pages import WRK_SCRIPT, _status, _wait_until_up, measure  # sets up Django
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, AwardOrganiser, Category, Edition, Winner  # noqa: E402
from judging.enums import JuryRole, ReviewStatus  # noqa: E402
from judging.models import Assignment, JuryMember, Review, Round  # noqa: E402
from submissions.enums import EntryStatus, TeamRole  # noqa: E402
from submissions.models import Entry, EntryVersion, TeamMember  # noqa: E402

UNUSABLE_PASSWORD = "!"  # noqa: S105 (Django's marker for "no password")
SLUG = "dash-bench"
DOMAIN = "dash.example"
SIZES = (500, 2000)


def reset() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email__endswith="@" + DOMAIN).delete()


def seed() -> dict:
    from allauth.mfa.models import Authenticator

    now = timezone.now()
    award = Award.objects.create(
        slug=SLUG, code="DSH", name_en="Dashboard bench", name_sv="Panelpriset"
    )
    edition = Edition.objects.create(
        award=award,
        year=2030,
        call_opens_at=now - dt.timedelta(days=60),
        call_closes_at=now + dt.timedelta(days=30),
        results_publish_at=now - dt.timedelta(days=1),
    )
    category = Category.objects.create(
        edition=edition, slug="idea", code="IDEA", name_en="Idea", name_sv="Idé"
    )
    Winner.objects.create(
        category=category,
        slug="sally-sow",
        names="Sally Sow",
        idea_title="Turn UP",
        citation_en="For music that everyone can join.",
        citation_sv="För musik som alla kan vara med i.",
        publish_at=now - dt.timedelta(days=1),
    )
    round = Round.objects.create(
        category=category,
        position=1,
        name_en="Screening",
        name_sv="Gallring",
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=10),
    )
    entrant = User.objects.create(
        email=f"entrant@{DOMAIN}", password=UNUSABLE_PASSWORD, display_name="Entrant"
    )
    others = User.objects.create(
        email=f"others@{DOMAIN}", password=UNUSABLE_PASSWORD, display_name="Others"
    )
    entries = Entry.objects.bulk_create(
        Entry(
            category=category,
            owner=entrant if n < 5 else others,
            status=EntryStatus.SUBMITTED,
            number=n + 1,
            reference=f"DSH-2030-IDEA-{n + 1:05d}",
            title=f"Idea {n}",
            pitch="A pitch " * 20,
            submitted_at=now,
        )
        for n in range(max(SIZES))
    )
    TeamMember.objects.bulk_create(
        TeamMember(entry=e, user=entrant, role=TeamRole.OWNER) for e in entries[:5]
    )
    EntryVersion.objects.bulk_create(
        EntryVersion(entry=e, number=1, content={"title": e.title, "pitch": e.pitch})
        for e in entries
    )
    organiser = User.objects.create(
        email=f"organiser@{DOMAIN}", password=UNUSABLE_PASSWORD, is_staff=True
    )
    AwardOrganiser.objects.create(award=award, user=organiser)
    Authenticator.objects.create(
        user=organiser, type=Authenticator.Type.TOTP, data={"secret": "unused-by-the-bench"}
    )
    judges = {}
    for size in SIZES:
        judge = User.objects.create(email=f"judge{size}@{DOMAIN}", password=UNUSABLE_PASSWORD)
        JuryMember.objects.create(
            category=category, user=judge, email=judge.email, role=JuryRole.JUDGE, accepted_at=now
        )
        assignments = Assignment.objects.bulk_create(
            Assignment(round=round, entry=e, judge=judge) for e in entries[:size]
        )
        Review.objects.bulk_create(
            Review(
                assignment=a,
                status=ReviewStatus.SUBMITTED if n % 3 == 0 else ReviewStatus.DRAFT,
                version=1,
                submitted_at=now if n % 3 == 0 else None,
            )
            for n, a in enumerate(assignments)
            if n % 3 != 2
        )
        judges[size] = judge
    return {"entrant": entrant, "organiser": organiser, "judges": judges, "category": category}


def query_count(path: str, cookie: str | None) -> int:
    """Queries of a warm request (caches filled), as the served pages run them."""
    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        client.cookies["sessionid"] = cookie
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def interleaved(pages: list, rounds: int) -> list[tuple]:
    """Each page through Django in this process (no HTTP server), one request of each page in
    turn, `rounds` times: a busy machine slows every page alike, so the ratios to the bare view
    hold better than when each page is measured in its own stretch of time."""
    clients = []
    for label, path, cookie in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if cookie:
            client.cookies["sessionid"] = cookie
        for _ in range(3):  # warm-up: caches, the session's jury flag, connections
            assert client.get(path).status_code == 200, (label, path)
        clients.append((label, path, client))
    times: dict[str, list[float]] = {label: [] for label, _, _ in pages}
    for _ in range(rounds):
        for label, path, client in clients:
            started = time.perf_counter()
            client.get(path)
            times[label].append((time.perf_counter() - started) * 1000)
    bare = statistics.median(times[pages[0][0]])
    return [
        (label, f"{statistics.median(v):7.2f}", f"{bare / statistics.median(v):5.2f}")
        for label, v in times.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--interleaved", type=int, default=0, metavar="ROUNDS",
        help="also time each page in this process, in turn, ROUNDS times",
    )  # fmt: skip
    parser.add_argument(
        "--only", default="", metavar="WORDS",
        help="measure only the pages whose label holds one of these comma-separated words",
    )  # fmt: skip
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (migrated)")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with transaction.atomic():
        reset()
        world = seed()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load

    def session(user):
        return session_for(user.pk, user.get_session_auth_hash(), passed_mfa=user.is_staff)

    entrant = session(world["entrant"])
    winner_path = reverse(
        "public:winner-detail",
        kwargs={
            "award_slug": SLUG,
            "year": 2030,
            "category_slug": "idea",
            "winner_slug": "sally-sow",
        },
    )
    award_path = reverse("public:award-detail", kwargs={"award_slug": SLUG})
    pages = [("trivial view (/robots.txt)", "/robots.txt", None)]
    for size, judge in world["judges"].items():
        pages.append(
            (f"judge dashboard, {size} assignments", reverse("judging:dashboard"), session(judge))
        )
    largest = session(world["judges"][max(SIZES)])
    pages += [
        (f"judge dashboard, {max(SIZES)}, Swedish", "/sv" + reverse("judging:dashboard"), largest),
        ("winner page, anonymous", winner_path, None),
        ("winner page, signed in", winner_path, entrant),
        ("award page, signed in", award_path, entrant),
        ("entrant dashboard", reverse("submissions:entry-list"), entrant),
        ("organiser dashboard", reverse("console:dashboard"), session(world["organiser"])),
    ]  # fmt: skip
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        pages = pages[:1] + [p for p in pages[1:] if any(w in p[0] for w in wanted)]
    env = {**os.environ, **PRODUCTION_ENV}
    collectstatic(env)
    port = free_port()
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "config.wsgi", "-w", "2",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    rows = []
    times = {}
    try:
        _wait_until_up(base)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        trivial_rps = None
        for label, path, cookie in pages:
            status = _status(base + path, cookie)
            if status != 200:
                rows.append((label, f"answers {status}", "", "", "", "", ""))
                continue
            measure(base, path, cookie, 2, args.connections, script.name)  # warm-up
            rps, p50, p95, bad, total = measure(
                base, path, cookie, args.seconds, args.connections, script.name
            )
            trivial_rps = trivial_rps or rps
            times[label] = p50
            rows.append(
                (
                    label,
                    f"{rps:8.1f}",
                    f"{p50:7.1f}",
                    f"{p95:7.1f}",
                    f"{rps / trivial_rps:5.2f}",
                    query_count(path, cookie),
                    f"{bad}/{total}",
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    small, large = (f"judge dashboard, {size} assignments" for size in SIZES)
    if small in times and large in times:
        rows.append(
            (
                f"p50 at {max(SIZES)} / p50 at {min(SIZES)}",
                "",
                f"{times[large] / times[small]:7.2f}",
                "",
                "",
                "",
                "",
            )
        )
    if args.interleaved:
        print_table(
            f"in process, pages in turn, {args.interleaved} rounds (median)",
            interleaved(pages, args.interleaved),
            ("page", "ms", "vs trivial"),
        )
    print_table(
        f"gunicorn -w 2, PostgreSQL, wrk -c{args.connections} for {args.seconds}s per page",
        rows,
        ("page", "req/s", "p50 ms", "p95 ms", "vs trivial", "queries", "non-2xx"),
    )


if __name__ == "__main__":
    main()
