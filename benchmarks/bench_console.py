"""The organiser's season dashboard at the `seed_scale` season: time and query count.

    DATABASE_URL=postgres://... python benchmarks/seed_scale.py      # once: a full season
    DATABASE_URL=postgres://... python benchmarks/bench_console.py [--repeats 5]

Renders `/organise/` for an organiser of the seeded award (the view itself, without the
middleware), a few times, and prints the median time and the number of queries of one render.
"""

import argparse
import statistics
import time

from _setup import django_setup, print_table
from seed_scale import DOMAIN, SLUG

django_setup()

from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from awards.models import Award  # noqa: E402
from console.views.dashboard import dashboard  # noqa: E402
from judging.models import Review  # noqa: E402
from submissions.models import Entry  # noqa: E402


def organiser_for(award: Award) -> User:
    user, _ = User.objects.get_or_create(
        email=f"console-bench@{DOMAIN}", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def render_once(user) -> tuple[float, int, int]:
    request = RequestFactory().get("/organise/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = dashboard(request)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    award = Award.objects.filter(slug=SLUG).first()
    if award is None:
        raise SystemExit("No seeded season: run benchmarks/seed_scale.py first.")
    user = organiser_for(award)
    entries = Entry.objects.filter(category__edition__award=award).count()
    reviews = Review.objects.filter(assignment__round__category__edition__award=award).count()
    runs = [render_once(user) for _ in range(args.repeats)]
    times = [run[0] for run in runs]
    print_table(
        f"Season dashboard, {entries} entries, {reviews} reviews (all awards shown)",
        [
            ("median time (ms)", f"{1000 * statistics.median(times):.0f}"),
            ("slowest time (ms)", f"{1000 * max(times):.0f}"),
            ("queries", runs[-1][1]),
            ("page size (bytes)", runs[-1][2]),
        ],
        ("figure", "value"),
    )


if __name__ == "__main__":
    main()
