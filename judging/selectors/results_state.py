"""A round's analysis as one viewer sees it, cached under the round's results revision.

Proving a cached analysis current used to mean re-reading every score of the round (60,000 rows
at 4,000 entries) to hash them. Now the database moves a counter on in the transaction of every
change the analysis reads (`RoundResultsRevision`, kept by triggers), and the cache key holds
it: a fresh key costs one indexed read whatever the size of the round.

Why a chair never sees a stale analysis: the revision is read *before* any score. A change
commits its scores and its revision together. If it committed before the revision was read,
the key is new and the scores read after it include the change; if after, the analysis stored
under the old key may already include it (newer, never older), and every later request reads
the new revision and misses. So what is stored under revision R is never older than R.
`tests/judging/test_results_freshness.py` checks this with writers and readers in threads on
PostgreSQL.

Held per process (a small LRU, so a warm page unpickles nothing) and in the shared cache. The
process's copies belong to the shared cache's current epoch (a token kept in it): clearing the
shared cache (after restoring a database, say, or between tests) makes them unreachable too.
"""

import hashlib
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache

from judging.charts import five_numbers
from judging.models import Round, RoundEntry
from judging.selectors.results import (
    ANALYSIS_CACHE_SECONDS,
    RoundScores,
    judge_review_scores,
    round_results_analyse,
    round_results_revision,
    round_scores_load,
)

MEMO_SIZE = 16
EPOCH_KEY = "laurel:results-state-epoch"
_memo: "OrderedDict[str, Any]" = OrderedDict()
_memo_lock = threading.Lock()  # threaded workers share the process's memo


@dataclass(frozen=True)
class ResultsState:
    """What the results page needs from the scores, for one round, revision, viewer's hidden
    entries and options. Shared between requests: never change it."""

    revision: int
    result: dict[str, Any] | None
    without: tuple[int, ...]
    judge_ids: frozenset[int]
    distributions: dict[int, dict[str, float] | None]  # judge id -> five numbers and count
    unscored: tuple[tuple[int, str], ...]  # (entry id, reference) of entries without a rank
    entry_ids: frozenset[int]
    spread: dict[str, dict] = field(default_factory=dict)
    ties: dict[str, list] = field(default_factory=dict)
    statistical: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)  # entry label -> robustness verdict


def _epoch() -> str:
    epoch = cache.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, uuid.uuid4().hex, None)
        epoch = cache.get(EPOCH_KEY) or ""
    return epoch


def _remember(key: str, value) -> None:
    with _memo_lock:
        _memo[key] = value
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


def _memo_get(key: str):
    local = f"{_epoch()}:{key}"
    with _memo_lock:
        value = _memo.get(local)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _remember(local, value)
    return value


def _memo_set(key: str, value) -> None:
    cache.set(key, value, ANALYSIS_CACHE_SECONDS)
    _remember(f"{_epoch()}:{key}", value)


def _ids(ids) -> str:
    text = ",".join(str(pk) for pk in sorted(ids))
    return hashlib.sha256(text.encode()).hexdigest()[:16] if len(text) > 64 else text


class ScoresLoader:
    """The round's scores, read at most once per request, and only when a cache misses."""

    def __init__(self, round: Round):
        self.round = round
        self._scores: RoundScores | None = None

    @property
    def scores(self) -> RoundScores:
        if self._scores is None:
            self._scores = round_scores_load(round=self.round)
        return self._scores


def round_results_state(
    *,
    round: Round,
    hidden: frozenset[int],
    method: str,
    top_n: int,
    without: tuple[int, ...] = (),
    revision: int | None = None,
    loader: ScoresLoader | None = None,
) -> ResultsState:
    """The analysis and what the page shows of the scores (module docstring). `without` are
    user ids for the what-if view; those that are not judges of the round are dropped, and so
    is a request to leave out every judge."""
    if revision is None:
        revision = round_results_revision(round=round)  # before any score: see the docstring
    key = results_state_key(
        round=round, hidden=hidden, method=method, top_n=top_n, without=without, revision=revision
    )
    state = _memo_get(key)
    if state is None:
        state = _compute(
            round=round,
            scores=(loader or ScoresLoader(round)).scores.without(hidden),
            hidden=hidden,
            method=method,
            top_n=top_n,
            without=without,
            revision=revision,
        )
        _memo_set(key, state)
    return state


def results_state_key(*, round: Round, hidden, method, top_n, without, revision: int) -> str:
    return (
        f"laurel:results-state:{round.pk}:r{revision}:{method}:{top_n}"
        f":h={_ids(hidden)}:w={_ids(without)}"
    )


def round_results_state_cached(
    *, round: Round, hidden, method: str, top_n: int, without=(), revision: int
) -> ResultsState | None:
    """The state `round_results_state` would answer, if it is kept already; None otherwise."""
    return _memo_get(
        results_state_key(
            round=round,
            hidden=hidden,
            method=method,
            top_n=top_n,
            without=without,
            revision=revision,
        )
    )


def _compute(*, round, scores: RoundScores, hidden, method, top_n, without, revision):
    judge_ids = frozenset(scores.judge_ids.tolist())
    without = tuple(sorted(pk for pk in set(without) if pk in judge_ids))
    if len(without) >= len(judge_ids):
        without = ()
    result = round_results_analyse(
        scores=scores, method=method, top_n=top_n, without_judges=without
    )
    ranked = {row["entry_id"] for row in (result or {}).get("entries", [])}
    unscored = tuple(
        sorted(
            (
                (entry_id, reference or f"#{entry_id}")
                for entry_id, reference in RoundEntry.objects.filter(round=round)
                .exclude(entry_id__in=hidden | ranked)
                .values_list("entry_id", "entry__reference")
            ),
            key=lambda pair: pair[1],
        )
    )
    ties, statistical = {}, {}
    if result:
        for tie in result["ties"]:
            for label in tie["entries"]:
                ties[label] = [other for other in tie["entries"] if other != label]
        statistical = {n["entry"]: n for n in result["statistical_ties"]}
    return ResultsState(
        revision=revision,
        result=result,
        without=without,
        judge_ids=judge_ids,
        distributions=_distributions(scores) if result else {},
        unscored=unscored,
        entry_ids=frozenset(ranked | {pk for pk, _ref in unscored}),
        spread={s["entry"]: s for s in (result or {}).get("entry_statistics", [])},
        ties=ties,
        statistical=statistical,
        places={
            str(e["entry"]): e for e in ((result or {}).get("robustness") or {}).get("entries", [])
        },
    )


def _distributions(scores: RoundScores) -> dict[int, dict[str, float] | None]:
    """Each judge's five-number summary of their weighted review scores, with the count."""
    out = {}
    for judge, values in judge_review_scores(scores).items():
        five = five_numbers(values)
        out[judge] = None if five is None else {**five, "count": len(values)}
    return out


def snapshots_changed_at(*, round: Round, revision: int, snapshots, loader=None) -> set[int]:
    """Ids of the snapshots whose inputs differ from the round's scores at `revision`: each is
    compared with the scores minus the entries it left out (its viewer's conflicts). The
    inputs hash of each such set of entries is cached under the revision too."""
    loader = loader or ScoresLoader(round)
    hashes: dict[tuple[int, ...], str] = {}
    changed = set()
    for snapshot in snapshots:
        hidden = tuple(sorted((snapshot.parameters or {}).get("hidden_entries", ())))
        if hidden not in hashes:
            key = f"laurel:results-hash:{round.pk}:r{revision}:h={_ids(hidden)}"
            value = _memo_get(key)
            if value is None:
                value = loader.scores.without(hidden).inputs_hash
                _memo_set(key, value)
            hashes[hidden] = value
        if hashes[hidden] != snapshot.inputs_hash:
            changed.add(snapshot.pk)
    return changed
