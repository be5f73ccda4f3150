"""A chair never sees a stale analysis, while judges change scores at the same time.

Writers change scores in their own transactions (a bulk ``update()``, which no service sees:
only the database's triggers move the round's results revision on); readers in other threads
keep asking for the page's analysis, so that the cache is filled while the scores change under
it. After each change commits, a new request must show the analysis of the committed scores.
PostgreSQL only: SQLite runs one writer at a time, so there is no race to show.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from judging.enums import JuryRole
from judging.models import Score
from judging.results_rows import results_for_viewer
from judging.selectors.results import round_scores_load
from tests.factories import JuryMemberFactory
from tests.judging.selectors.test_results import small_round

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers; set DATABASE_URL"
    ),
    pytest.mark.django_db(transaction=True),
]
CHANGES = 12
READERS = 3


def means(view) -> dict[int, float]:
    return {row["entry_id"]: row["mean"] for row in view.result["entries"]}


def means_now(round) -> dict[int, float]:
    """The entries' mean weighted scores, straight from the committed scores (no cache)."""
    scores = round_scores_load(round=round)
    per_entry: dict[int, list[float]] = {}
    for (entry_id, _judge), value in scores.review_scores().items():
        per_entry.setdefault(entry_id, []).append(value)
    return {entry_id: sum(v) / len(v) for entry_id, v in per_entry.items()}


def test_the_chair_never_sees_a_stale_analysis_under_concurrent_score_changes():
    round, judges, entries = small_round()
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    first = entries["First"]
    done = threading.Event()
    stale, errors, reads = [], [], [0]

    def read():
        try:
            while not done.is_set():
                results_for_viewer(round=round, user=chair, method="mean", top_n=2)
                reads[0] += 1
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    def write():
        try:
            for change in range(CHANGES):
                judge = judges[change % len(judges)]
                with transaction.atomic():
                    Score.objects.filter(
                        review__assignment__entry=first, review__assignment__judge=judge
                    ).update(value=Decimal(1 + change % 5))
                # Committed: from now on every request must see it.
                expected = means_now(round)
                seen = means(results_for_viewer(round=round, user=chair, method="mean", top_n=2))
                if seen != pytest.approx(expected):
                    stale.append((change, seen, expected))
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            done.set()
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    threads.append(threading.Thread(target=write))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert stale == []
    assert reads[0] > CHANGES  # the readers did race the writer
