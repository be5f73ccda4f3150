"""The chair's results page at 1,000 and 4,000 entries, beside a bare Django view, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/laurel_bench \\
        .venv/bin/python benchmarks/bench_results_page.py [--reseed] [--requests 30]

Two closed rounds (10 judges, 5 reviews per entry, 3 weighted criteria, 150 decisions resting on
one snapshot), seeded once under the award `bench-page` and users `@bench-page.example`, reused
by later runs unless `--reseed`. Requests go through Django's test client in this process (the
whole middleware stack, sessions, templates; no network), signed in as the round's chair, with
the analysis already cached (a chair's steady state: the first view after a score change pays
for the analysis once). Prints one table: the median time per request, the ratio of the 4,000
round to the 1,000 round (goal <= 1.3), the bare view's throughput ratio (goal >= 5 %) and the
query count of each page.
"""

import argparse
import datetime as dt
import statistics
import time

import numpy as np
from _reviews import reviews_seed
from _setup import django_setup, print_table
from seed_scale import UNUSABLE_PASSWORD, _bulk

django_setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, Category, Edition  # noqa: E402
from judging.enums import DecisionOutcome, JuryRole, RoundStatus  # noqa: E402
from judging.models import (  # noqa: E402
    Criterion,
    Decision,
    JuryMember,
    Round,
    RoundEntry,
    Score,
)
from judging.services.decisions import results_snapshot_take  # noqa: E402
from submissions.enums import EntryStatus  # noqa: E402
from submissions.models import Entry  # noqa: E402
from tests.clients import LaurelClient  # noqa: E402

SLUG = "bench-page"
DOMAIN = "bench-page.example"
SIZES = (1000, 4000)
JUDGES = 10
PER_ENTRY = 5
CRITERIA = (("Idea", 2.0), ("Team", 1.0), ("Market", 1.0))
DECISIONS = 150


def reset() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email__endswith="@" + DOMAIN).delete()


def seed_round(*, edition, entries: int, judges: list, chair) -> Round:
    rng = np.random.default_rng(entries)
    now = timezone.now()
    code = f"S{entries}"
    category = Category.objects.create(edition=edition, slug=code.lower(), code=code, name_en=code)
    JuryMember.objects.create(category=category, user=chair, role=JuryRole.CHAIR)
    round = Round.objects.create(
        category=category,
        name_en="Screening",
        opens_at=now - dt.timedelta(days=20),
        closes_at=now - dt.timedelta(days=1),
        reviews_per_entry=PER_ENTRY,
        status=RoundStatus.CLOSED,
        closed_at=now,
    )
    criteria = [
        Criterion.objects.create(
            round=round, position=i, name_en=name, weight=weight, scale_min=1, scale_max=10
        )
        for i, (name, weight) in enumerate(CRITERIA)
    ]
    owner = User.objects.create(email=f"entrant{entries}@{DOMAIN}", password=UNUSABLE_PASSWORD)
    entry_list = _bulk(
        Entry,
        [
            Entry(
                category=category,
                owner=owner,
                status=EntryStatus.SUBMITTED,
                number=n + 1,
                reference=f"BNP-2032-{code}-{n + 1:05d}",
                title=f"Idea {n + 1}",
                submitted_at=now - dt.timedelta(days=31),
            )
            for n in range(entries)
        ],
        f"entries ({entries})",
    )
    _bulk(RoundEntry, [RoundEntry(round=round, entry=e) for e in entry_list], "in round")
    reviews_seed(
        round=round,
        entry_list=entry_list,
        judges=judges,
        criteria=criteria,
        per_entry=PER_ENTRY,
        rng=rng,
        now=now,
    )
    snapshot = results_snapshot_take(round=round, by=chair, method="shrunk", top_n=10)
    Decision.objects.bulk_create(
        Decision(
            round=round,
            entry=entry,
            outcome=DecisionOutcome.ADVANCE,
            reason="Among the best.",
            snapshot=snapshot,
            decided_by=chair,
            decided_at=now,
        )
        for entry in entry_list[:DECISIONS]
    )
    return round


def seed() -> tuple[list[Round], User]:
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="BNP", name_en="Results page benchmark")
    edition = Edition.objects.create(
        award=award,
        year=2032,
        call_opens_at=now - dt.timedelta(days=90),
        call_closes_at=now - dt.timedelta(days=30),
    )
    chair = User.objects.create(email=f"chair@{DOMAIN}", password=UNUSABLE_PASSWORD)
    judges = [
        User.objects.create(email=f"judge{i}@{DOMAIN}", password=UNUSABLE_PASSWORD)
        for i in range(JUDGES)
    ]
    rounds = [seed_round(edition=edition, entries=n, judges=judges, chair=chair) for n in SIZES]
    return rounds, chair


def timed_requests(client, url: str, count: int) -> float:
    """Median seconds per request, after three warm-up requests."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def after_a_score_change(client, url: str, round: Round, step: int) -> float:
    """Seconds of the first request after a judge changed one score (a new analysis: the
    bootstrap's 1,000 resamples and the robustness variants run once for the new scores)."""
    score = Score.objects.filter(review__assignment__round=round).order_by("pk").first()
    score.value = 1 + (int(score.value) + step) % 10
    score.save(update_fields=["value"])
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200
    return time.perf_counter() - started


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reseed", action="store_true", help="drop and seed the data again")
    args = parser.parse_args()

    rounds = list(
        Round.objects.filter(category__edition__award__slug=SLUG).order_by("category__code")
    )
    if args.reseed or len(rounds) != len(SIZES):
        reset()
        started = time.perf_counter()
        with transaction.atomic():
            rounds, _chair = seed()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE judging_score, judging_review, judging_assignment, "
                    "judging_roundentry, judging_conflict, judging_decision, submissions_entry"
                )
        print(f"seeded in {time.perf_counter() - started:.1f} s")
    rounds.sort(key=lambda r: RoundEntry.objects.filter(round=r).count())
    chair = User.objects.get(email=f"chair@{DOMAIN}")
    client = LaurelClient()
    client.force_login(chair)
    cache.clear()

    bare_url = reverse("robots")
    bare = timed_requests(client, bare_url, args.requests * 3)
    rows = [
        ("bare view (robots.txt)", f"{1000 * bare:.2f}", "", "100 %", query_count(client, bare_url))
    ]
    times, cold = [], []
    for round, size in zip(rounds, SIZES, strict=True):
        url = reverse("judging:round-results", args=[round.pk])
        seconds = timed_requests(client, url, args.requests)
        times.append(seconds)
        cold.append(
            statistics.median(after_a_score_change(client, url, round, s) for s in (1, 2, 3))
        )
        rows.append(
            (
                f"results page, {size:,} entries",
                f"{1000 * seconds:.2f}",
                "" if len(times) == 1 else f"{times[-1] / times[0]:.2f}",
                f"{100 * bare / seconds:.1f} %",
                query_count(client, url),
            )
        )
    for size, seconds in zip(SIZES, cold, strict=True):
        rows.append(
            (f"first view after a score change, {size:,}", f"{1000 * seconds:.0f}", "", "", "")
        )
    print(f"database: {connection.vendor}; {JUDGES} judges, {PER_ENTRY} reviews per entry")
    print_table(
        f"bench_results_page (median of {args.requests} requests, analysis cached)",
        rows,
        (
            "page",
            "ms per request",
            "ratio 4000/1000 (goal <= 1.3)",
            "of bare view (goal >= 5 %)",
            "queries",
        ),
    )


if __name__ == "__main__":
    main()
