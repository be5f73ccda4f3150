"""Benchmark of a jury meeting on a 2,000-entry round: 2,000 entries, 40 judges, 3 reviews per
entry, 6 criteria (36,000 scores).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/laurel_bench \\
        .venv/bin/python benchmarks/bench_meeting.py [--reseed] [--repeats 3]

Seeds (once, reused unless `--reseed`) under the award `bench-meeting`, then times: building the
agenda with a cold cache (load, analysis with 1,000 bootstrap resamples, ordering), the
presenter view, a follower's poll while nothing changed (204) and after the focus moved, with
the number of queries of each.
"""

import argparse
import statistics
import time

import bench_results_db as base
from _setup import print_table, timed
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from deliberation.services.meetings import meeting_focus, meeting_start  # noqa: E402
from judging.models import Assignment, JuryMember, Round  # noqa: E402

base.SLUG = "bench-meeting"
base.DOMAIN = "bench-meeting.example"


def _timed_request(client, url, repeats, **kwargs):
    times, queries, status = [], 0, None
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, **kwargs)
            times.append(time.perf_counter() - started)
        status, queries = response.status_code, len(captured)
    return min(times), statistics.median(times), queries, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--judges", type=int, default=40)
    parser.add_argument("--reviews-per-entry", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    stages: list = []
    round = Round.objects.filter(category__edition__award__slug=base.SLUG).first()
    if args.reseed or round is None:
        with timed(stages, "remove the previous data"):
            base.reset()
        with timed(stages, "seed (bulk_create)"), transaction.atomic():
            round = base.seed(
                entries=args.entries, judges=args.judges, per_entry=args.reviews_per_entry
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE judging_score, judging_review, judging_assignment, "
                    "judging_roundentry, judging_conflict, submissions_entry"
                )
    chair, _created = User.objects.get_or_create(
        email=f"chair@{base.DOMAIN}", defaults={"password": base.UNUSABLE_PASSWORD}
    )
    JuryMember.objects.get_or_create(
        category=round.category, user=chair, defaults={"email": chair.email, "role": "chair"}
    )
    judge = Assignment.objects.filter(round=round).select_related("judge").first().judge
    JuryMember.objects.get_or_create(
        category=round.category, user=judge, defaults={"email": judge.email}
    )

    results = []
    for _ in range(args.repeats):
        cache.clear()
        with timed(results, "agenda (cold cache)"):
            meeting = meeting_start(round=round, by=chair, method="offset", top_n=10)
    agenda_times = [t for label, t in results]
    print(
        f"database: {connection.vendor}; {len(meeting.agenda):,} entries on the agenda, "
        f"{sum(1 for i in meeting.agenda if not i['settled']):,} unsettled"
    )

    presenter, follower = Client(), Client()
    presenter.force_login(chair)
    follower.force_login(judge)
    presenter_url = reverse("deliberation:meeting-presenter", kwargs={"pk": meeting.pk})
    follow_url = reverse("deliberation:meeting-follow", kwargs={"pk": meeting.pk})
    rows = [
        (
            "agenda built (cold cache)",
            f"{min(agenda_times):.2f}",
            f"{statistics.median(agenda_times):.2f}",
            "-",
        )
    ]
    for label, client, url, kwargs in (
        ("presenter view", presenter, presenter_url, {}),
        ("follower page", follower, follow_url, {}),
        (
            "follower poll, no change (204)",
            follower,
            follow_url,
            {"data": {"v": meeting.version}, "headers": {"HX-Request": "true"}},
        ),
    ):
        best, median, queries, status = _timed_request(client, url, args.repeats, **kwargs)
        rows.append((f"{label} [{status}]", f"{best:.3f}", f"{median:.3f}", queries))
    meeting_focus(meeting=meeting, entry_id=meeting.agenda[1]["entry_id"], by=chair)
    best, median, queries, status = _timed_request(
        follower, follow_url, 1, data={"v": 0}, headers={"HX-Request": "true"}
    )
    rows.append((f"follower poll after a move [{status}]", f"{best:.3f}", f"{median:.3f}", queries))
    reset_queries()
    print_table(
        "Jury meeting",
        stages and [(s, f"{t:.1f}", "", "") for s, t in stages] + rows or rows,
        ("stage", "best s", "median s", "queries"),
    )


if __name__ == "__main__":
    main()
