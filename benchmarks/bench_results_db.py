"""Benchmark of a round's results read from the database: 5,000 entries, 50 judges, 5 reviews per
entry, 6 criteria (150,000 scores).

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/laurel_bench \\
        .venv/bin/python benchmarks/bench_results_db.py [--reseed] [--repeats 3]

Everything it makes hangs off the award `bench-results` and users `@bench-results.example`; it is
seeded once (bulk_create) and reused by later runs unless `--reseed`. Prints the time to read the
scores, the analysis without bootstrap (target < 2 s) and with 1,000 resamples (target < 10 s),
and what the chair's results page spends on its data with a cold cache.
"""

import argparse
import datetime as dt
import statistics
import time

import numpy as np
from _reviews import reviews_seed
from _setup import django_setup, print_table, timed
from seed_scale import UNUSABLE_PASSWORD, _bulk

django_setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award, Category, Edition  # noqa: E402
from judging.enums import RoundStatus  # noqa: E402
from judging.models import Criterion, Round, RoundEntry  # noqa: E402
from judging.results import analyse  # noqa: E402
from judging.results_rows import results_for_viewer  # noqa: E402
from judging.selectors.results import round_scores_load  # noqa: E402
from submissions.enums import EntryStatus  # noqa: E402
from submissions.models import Entry  # noqa: E402

SLUG = "bench-results"
DOMAIN = "bench-results.example"
CRITERIA = (
    ("Originality", 2.0),
    ("Craft", 1.5),
    ("Impact", 1.0),
    ("Clarity", 1.0),
    ("Ambition", 0.5),
    ("Fit", 1.0),
)


def reset() -> None:
    award = Award.objects.filter(slug=SLUG).first()
    if award:
        Entry.objects.filter(category__edition__award=award).delete()
        award.delete()
    User.objects.filter(email__endswith="@" + DOMAIN).delete()


def seed(*, entries: int, judges: int, per_entry: int) -> Round:
    """A closed round with every review submitted: entry quality + judge leniency + noise,
    rounded to whole points on 1..10."""
    rng = np.random.default_rng(2024)
    now = timezone.now()
    award = Award.objects.create(slug=SLUG, code="BNR", name_en="Results Benchmark")
    edition = Edition.objects.create(
        award=award,
        year=2031,
        call_opens_at=now - dt.timedelta(days=90),
        call_closes_at=now - dt.timedelta(days=30),
    )
    category = Category.objects.create(edition=edition, slug="idea", code="IDEA", name_en="IDEA")
    round = Round.objects.create(
        category=category,
        name_en="Screening",
        opens_at=now - dt.timedelta(days=20),
        closes_at=now - dt.timedelta(days=1),
        reviews_per_entry=per_entry,
        status=RoundStatus.CLOSED,
        closed_at=now,
    )
    criteria = [
        Criterion.objects.create(
            round=round, position=i, name_en=name, weight=weight, scale_min=1, scale_max=10
        )
        for i, (name, weight) in enumerate(CRITERIA)
    ]
    owner = User.objects.create(email=f"entrant@{DOMAIN}", password=UNUSABLE_PASSWORD)
    judge_users = _bulk(
        User,
        [User(email=f"judge{i}@{DOMAIN}", password=UNUSABLE_PASSWORD) for i in range(judges)],
        "judges",
    )
    entry_list = _bulk(
        Entry,
        [
            Entry(
                category=category,
                owner=owner,
                status=EntryStatus.SUBMITTED,
                number=n + 1,
                reference=f"BNR-2031-IDEA-{n + 1:05d}",
                title=f"Idea {n + 1}",
                submitted_at=now - dt.timedelta(days=31),
            )
            for n in range(entries)
        ],
        "entries",
    )
    _bulk(RoundEntry, [RoundEntry(round=round, entry=e) for e in entry_list], "in round")
    reviews_seed(
        round=round,
        entry_list=entry_list,
        judges=judge_users,
        criteria=criteria,
        per_entry=per_entry,
        rng=rng,
        now=now,
    )
    return round


def repeat(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--judges", type=int, default=50)
    parser.add_argument("--reviews-per-entry", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reseed", action="store_true", help="drop and seed the data again")
    args = parser.parse_args()

    stages: list = []
    round = Round.objects.filter(category__edition__award__slug=SLUG).first()
    if args.reseed or round is None:
        with timed(stages, "remove the previous data"):
            reset()
        with timed(stages, "seed (bulk_create)"), transaction.atomic():
            round = seed(entries=args.entries, judges=args.judges, per_entry=args.reviews_per_entry)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a live site: without them the planner
            # takes the bulk-filled tables for empty ones and picks nested loops.
            with timed(stages, "ANALYZE"), connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE judging_score, judging_review, judging_assignment, "
                    "judging_roundentry, judging_conflict, submissions_entry"
                )
    organiser = User.objects.filter(email=f"organiser@{DOMAIN}").first()
    if organiser is None:
        organiser = User.objects.create(
            email=f"organiser@{DOMAIN}", password=UNUSABLE_PASSWORD, is_staff=True
        )
        organiser.user_permissions.add(Permission.objects.get(codename="change_round"))

    scores = round_scores_load(round=round)
    rows, rubric = scores.score_rows(), scores.rubric()
    print(
        f"database: {connection.vendor}; {len(scores.rows):,} scores, "
        f"{len(scores.entry_labels):,} entries, {len({r[1] for r in scores.rows})} judges, "
        f"{len(scores.criteria)} criteria"
    )

    def page_data():
        cache.clear()
        results_for_viewer(round=round, user=organiser, method="offset", top_n=10)

    cases = [
        ("read the scores from the database", lambda: round_scores_load(round=round), None),
        ("rows for the analysis + inputs hash", lambda: (scores.score_rows(), scores.inputs_hash)),
        (
            "analyse, mean, no bootstrap",
            lambda: analyse(reviews=rows, criteria=rubric, method="mean", bootstrap=0),
            2.0,
        ),
        (
            "analyse, offset, no bootstrap",
            lambda: analyse(reviews=rows, criteria=rubric, method="offset", bootstrap=0),
            2.0,
        ),
        (
            "analyse, mean, 1,000 resamples",
            lambda: analyse(reviews=rows, criteria=rubric, method="mean", bootstrap=1000),
            10.0,
        ),
        (
            "analyse, offset, 1,000 resamples",
            lambda: analyse(reviews=rows, criteria=rubric, method="offset", bootstrap=1000),
            10.0,
        ),
        ("results page data, cold cache (all of it)", page_data, None),
    ]
    table = []
    for case in cases:
        name, fn = case[0], case[1]
        target = case[2] if len(case) > 2 else None
        best, median = repeat(fn, args.repeats)
        ok = "" if target is None else ("yes" if median < target else "NO")
        table.append(
            (name, f"{best:.3f}", f"{median:.3f}", "" if target is None else f"{target:.0f}", ok)
        )
    if stages:
        print_table("seeding", [(label, f"{s:.1f} s") for label, s in stages], ("stage", "time"))
    print_table(
        f"bench_results_db ({args.repeats} runs)",
        table,
        ("case", "best s", "median s", "target s", "ok"),
    )


if __name__ == "__main__":
    main()
