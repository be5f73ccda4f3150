"""A large round's analysis computed by the task worker instead of in the chair's request.

The first view after a score change analyses the round again: 1,000 bootstrap resamples and the
refitted reliability models take seconds per thousand entries (3 s at 1,000 and 6 s at 4,000 on
a quiet machine, several times that on a busy one), longer than anyone should stare at a blank
tab, and a larger or busier round would reach the app server's 30 s timeout and give the chair
an error instead of results. So a round with more entries than
`RESULTS_BACKGROUND_MIN_ENTRIES` is analysed by `results_prepare`; the page says so and asks
again every two seconds (`judging/results_pending.html`).

Never stale: the task reads the round's revision itself, before any score, and stores under it
(`judging.selectors.results_state`), so the page, which always asks for the current revision,
shows nothing older than the scores as it reads them. A score changed while the task runs moves
the revision on; the next look finds nothing under it and queues the analysis again.

One task per round, revision and view of it: a lease in the shared cache keeps the chair's
polls and a second chair from queuing the same work twice. A cache that keeps nothing (Redis
away: `config.cache` fails safe) could never hand the worker's result to the page, so then the
analysis is computed in the request as before. With the immediate task backend (development,
tests) the task has run when `enqueue` returns and the page shows the analysis at once.
"""

from django.conf import settings
from django.core.cache import cache
from django_tasks import task

from judging.models import Round, RoundEntry
from judging.selectors.results_state import (
    ResultsState,
    results_state_key,
    round_results_state,
    round_results_state_cached,
)

# A worker that died mid-analysis leaves its lease; after this the page queues the work again.
LEASE_SECONDS = 15 * 60


class AnalysisFailed(Exception):
    """The last try at this analysis raised; the error is in the worker's log."""


def _keys(state_key: str) -> tuple[str, str]:
    return f"{state_key}:preparing", f"{state_key}:failed"


def results_in_background(*, round: Round) -> bool:
    """Whether the round is large enough for its analysis to be left to the worker."""
    threshold = settings.RESULTS_BACKGROUND_MIN_ENTRIES
    return threshold is not None and RoundEntry.objects.filter(round=round).count() > threshold


def results_state_get(
    *, round: Round, background: bool, retry: bool, loader=None, **options
) -> ResultsState | None:
    """The analysis for one view of the round: from the cache, else computed here, or with
    `background` and a large round, left to the worker (None until it is ready).

    Raises AnalysisFailed when the worker's last try failed, unless `retry` (a reload of the
    page), which queues it again."""
    if background:
        state = round_results_state_cached(round=round, **options)
        if state is not None:
            return state
        if results_in_background(round=round):
            return _prepare(round=round, retry=retry, **options)
    return round_results_state(round=round, **options, loader=loader)


def _prepare(
    *, round: Round, hidden, method, top_n, without, revision, retry
) -> ResultsState | None:
    """Queue the analysis at `revision` unless a task is on it already; the state if the task
    ran at once (immediate backend), else None. Computes it here when the cache keeps nothing."""
    options = {"hidden": frozenset(hidden), "method": method, "top_n": top_n, "without": without}
    lease, failed = _keys(results_state_key(round=round, revision=revision, **options))
    if cache.get(failed):
        if not retry:
            raise AnalysisFailed
        cache.delete(failed)
    if cache.add(lease, revision, LEASE_SECONDS):
        if cache.get(lease) is None:  # the cache is away and keeps nothing
            cache.delete(lease)
            return round_results_state(round=round, revision=revision, **options)
        results_prepare.enqueue(
            round_id=round.pk,
            hidden=sorted(options["hidden"]),
            method=method,
            top_n=top_n,
            without=list(without),
            revision=revision,
        )
    return round_results_state_cached(round=round, revision=revision, **options)


@task()
def results_prepare(
    *, round_id: int, hidden: list[int], method: str, top_n: int, without: list[int], revision
) -> None:
    """Analyse the round for one view of it and keep the result in the shared cache."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        return
    options = {
        "hidden": frozenset(hidden),
        "method": method,
        "top_n": top_n,
        "without": tuple(without),
    }
    lease, failed = _keys(results_state_key(round=round, revision=revision, **options))
    try:
        # The current revision, read before any score: at least the one the page asked for.
        round_results_state(round=round, **options)
    except Exception:
        cache.set(failed, True, LEASE_SECONDS)
        raise
    finally:
        cache.delete(lease)
