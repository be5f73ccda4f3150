"""A round's scores, read from the database into the plain inputs of `judging.results`, and the
analysis of them, cached.

Only submitted reviews count (a draft is a judge's private notebook), only entries still in the
round count, and a judge's scores on an entry they have a confirmed conflict with are left out
of that entry's data everywhere. Reading takes two queries whatever the size of the round.

Labels given to the pure package: an entry is its reference (``#<id>`` before it has one), a
judge their user id, a criterion ``c<id>`` (names need not be unique within a round).
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, OuterRef

from judging.enums import ConflictStatus, ReviewStatus
from judging.models import Conflict, Criterion, Round, RoundEntry, RoundResultsRevision, Score
from judging.results import Criterion as RubricCriterion
from judging.results import ScoreRow, analyse, to_json_dict
from judging.results.weighting import review_weighted_scores
from judging.selectors.entries import latest_version_field
from submissions.models import Entry

BOOTSTRAP_RESAMPLES = 1000


BOOTSTRAP_SEED = 0


ANALYSIS_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class RoundScores:
    """A round's counted scores in columns: entry, judge and criterion ids and the value.

    Columns (numpy) rather than row objects: 150,000 scores are hashed, filtered and handed on
    in milliseconds.
    """

    round: Round
    criteria: list[Criterion]
    entry_ids: np.ndarray
    judge_ids: np.ndarray
    criterion_ids: np.ndarray
    values: np.ndarray
    entry_labels: dict[int, str]
    excluded_entry_ids: frozenset[int] = field(default_factory=frozenset)

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @property
    def rows(self) -> list[tuple[int, int, int, float]]:
        """``(entry_id, judge_id, criterion_id, value)`` tuples, in the order read."""
        return list(
            zip(
                self.entry_ids.tolist(),
                self.judge_ids.tolist(),
                self.criterion_ids.tolist(),
                self.values.tolist(),
                strict=True,
            )
        )

    def without(self, entry_ids) -> "RoundScores":
        """The same scores leaving out `entry_ids` (entries a conflicted chair may not see)."""
        entry_ids = frozenset(entry_ids)
        if not entry_ids:
            return self
        keep = ~np.isin(self.entry_ids, np.fromiter(entry_ids, dtype=np.int64))
        return RoundScores(
            round=self.round,
            criteria=self.criteria,
            entry_ids=self.entry_ids[keep],
            judge_ids=self.judge_ids[keep],
            criterion_ids=self.criterion_ids[keep],
            values=self.values[keep],
            entry_labels={k: v for k, v in self.entry_labels.items() if k not in entry_ids},
            excluded_entry_ids=self.excluded_entry_ids | entry_ids,
        )

    @cached_property
    def inputs_hash(self) -> str:
        """sha256 of the sorted score rows and of the criteria's weights and scales: equal hashes
        mean the same analysis inputs, so a snapshot's table is still what the data gives."""
        digest = hashlib.sha256()
        for criterion in sorted(self.criteria, key=lambda c: c.pk):
            digest.update(
                f"c{criterion.pk}:{Decimal(criterion.weight):.2f}:"
                f"{criterion.scale_min}:{criterion.scale_max}\n".encode()
            )
        order = np.lexsort((self.criterion_ids, self.judge_ids, self.entry_ids))
        # Scores have two decimals: whole hundredths hash exactly, whatever the float noise.
        hundredths = np.rint(self.values * 100)
        columns = np.stack([self.entry_ids, self.judge_ids, self.criterion_ids, hundredths])
        digest.update(np.ascontiguousarray(columns[:, order], dtype="<i8").tobytes())
        return digest.hexdigest()

    def score_rows(self) -> list[ScoreRow]:
        labels = self.entry_labels
        return [
            ScoreRow(labels[entry_id], judge_id, f"c{criterion_id}", value)
            for entry_id, judge_id, criterion_id, value in self.rows
        ]

    def rubric(self) -> list[RubricCriterion]:
        return [
            RubricCriterion(
                name=f"c{c.pk}",
                weight=float(c.weight),
                minimum=float(c.scale_min),
                maximum=float(c.scale_max),
            )
            for c in self.criteria
        ]

    def review_scores(self) -> dict[tuple[int, int], float | None]:
        """Each review's weighted score (`judging.results.weighting`), keyed by (entry id, judge
        id) in that order; None for a review missing a criterion."""
        if not len(self) or not self.criteria:
            return {}
        # Criterion codes in the round's order, so sums run as a judge reads the rubric.
        pks = np.array([c.pk for c in self.criteria], dtype=np.int64)
        by_pk = np.argsort(pks)
        codes = by_pk[np.searchsorted(pks[by_pk], self.criterion_ids)]
        base = int(self.judge_ids.max()) + 1
        keys, weighted, counts, _rows = review_weighted_scores(
            review_keys=self.entry_ids * base + self.judge_ids,
            criterion_codes=codes,
            scores=self.values,
            weights=np.array([float(c.weight) for c in self.criteria]),
        )
        complete = counts == len(self.criteria)
        return {
            (key // base, key % base): value if whole else None
            for key, value, whole in zip(
                keys.tolist(), weighted.tolist(), complete.tolist(), strict=True
            )
        }

    @property
    def entry_ids_by_label(self) -> dict[str, int]:
        return {label: entry_id for entry_id, label in self.entry_labels.items()}


def entry_label(*, entry_id: int, reference: str | None) -> str:
    return reference or f"#{entry_id}"


def round_scores_load(*, round: Round) -> RoundScores:
    """The round's counted scores (see the module docstring). Two queries."""
    criteria = list(Criterion.objects.filter(round_id=round.pk).order_by("position", "pk"))
    conflicted = Conflict.objects.filter(
        entry_id=OuterRef("review__assignment__entry_id"),
        judge_id=OuterRef("review__assignment__judge_id"),
        status=ConflictStatus.CONFIRMED,
    )
    in_round = RoundEntry.objects.filter(
        round_id=round.pk, entry_id=OuterRef("review__assignment__entry_id")
    )
    values = list(
        Score.objects.filter(
            review__assignment__round_id=round.pk,
            review__status=ReviewStatus.SUBMITTED,
            criterion_id__in=[c.pk for c in criteria],
        )
        .filter(Exists(in_round))
        .exclude(Exists(conflicted))
        .values_list(
            "review__assignment__entry_id",
            "review__assignment__judge_id",
            "criterion_id",
            "value",
            "review__assignment__entry__reference",
        )
    )
    columns = list(zip(*values, strict=True)) or [(), (), (), (), ()]
    labels = {
        entry_id: entry_label(entry_id=entry_id, reference=reference)
        for entry_id, reference in dict(zip(columns[0], columns[4], strict=True)).items()
    }
    return RoundScores(
        round=round,
        criteria=criteria,
        entry_ids=np.array(columns[0], dtype=np.int64),
        judge_ids=np.array(columns[1], dtype=np.int64),
        criterion_ids=np.array(columns[2], dtype=np.int64),
        values=np.array(columns[3], dtype=float),
        entry_labels=labels,
    )


def round_results_analyse(
    *,
    scores: RoundScores,
    method: str,
    top_n: int,
    bootstrap: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    without_judges: tuple[int, ...] = (),
) -> dict[str, Any] | None:
    """The analysis of `scores` as strict-JSON plain data, or None when nothing is scored yet.

    Cached under the inputs hash: the same scores, method and options always give the same result
    (the bootstrap is seeded), and re-running 1,000 resamples on every page view would be waste.
    Each ranked entry gets its ``entry_id``. `without_judges` (user ids) is the what-if view:
    the analysis as if those judges had not taken part (the data are not changed).
    """
    if not len(scores):
        return None
    labels = ",".join(f"{k}={v}" for k, v in sorted(scores.entry_labels.items()))
    without = tuple(sorted(int(pk) for pk in without_judges))
    options = f"{scores.round.pk}:{scores.inputs_hash}:{method}:{top_n}:{bootstrap}:{seed}"
    if without:
        options += ":without=" + ",".join(str(pk) for pk in without)
    key = "laurel:results:" + hashlib.sha256(f"{options}:{labels}".encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = to_json_dict(
            analyse(
                reviews=scores.score_rows(),
                criteria=scores.rubric(),
                method=method,
                top_n=top_n,
                bootstrap=bootstrap,
                seed=seed,
                exclude_judges=without,
            )
        )
        ids = scores.entry_ids_by_label
        for row in result["entries"]:
            row["entry_id"] = ids[row["entry"]]
        cache.set(key, result, ANALYSIS_CACHE_SECONDS)
    return result


def snapshot_parameters(*, top_n: int, hidden_entry_ids=(), without_judges=()) -> dict[str, Any]:
    """The analysis options a snapshot records, so the same table can be recomputed; a
    what-if view records the judges it left out (``without_judges``)."""
    parameters = {
        "top_n": int(top_n),
        "bootstrap": BOOTSTRAP_RESAMPLES,
        "seed": BOOTSTRAP_SEED,
        "hidden_entries": sorted(int(pk) for pk in hidden_entry_ids),
    }
    if without_judges:
        parameters["without_judges"] = sorted(int(pk) for pk in without_judges)
    return parameters


def snapshots_changed(*, scores: RoundScores, snapshots) -> set[int]:
    """Ids of the snapshots whose inputs differ from the round's scores now.

    Each snapshot is compared with the current scores minus the entries it left out (a conflicted
    chair's snapshot never covered those), so one person's conflicts do not raise false alarms.
    """
    current: dict[tuple[int, ...], str] = {}
    changed = set()
    for snapshot in snapshots:
        hidden = tuple((snapshot.parameters or {}).get("hidden_entries", ()))
        if hidden not in current:
            current[hidden] = scores.without(hidden).inputs_hash
        if current[hidden] != snapshot.inputs_hash:
            changed.add(snapshot.pk)
    return changed


def round_entries_shown(*, round: Round, hidden: set[int]) -> dict[int, dict[str, Any]]:
    """Reference and the title the jury reads (latest submitted version) of the entries in the
    round the viewer may see. One query."""
    rows = (
        Entry.objects.filter(round_entries__round=round)
        .annotate(jury_title=latest_version_field("title", entry="pk"))
        .values_list("pk", "reference", "title", "jury_title")
    )
    return {
        pk: {"reference": reference or f"#{pk}", "title": jury_title or title}
        for pk, reference, title, jury_title in rows
        if pk not in hidden
    }


def judge_names(ids) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in=list(ids)).only("pk", "display_name", "email")
    return {user.pk: (user.display_name or user.email) for user in users}


def judge_review_scores(scores: RoundScores) -> dict[int, list[float]]:
    """Each judge's weighted review scores (complete reviews only), for the box plots."""
    out: dict[int, list[float]] = {}
    for (_entry_id, judge_id), value in scores.review_scores().items():
        if value is not None:
            out.setdefault(judge_id, []).append(value)
    return out


def round_results_revision(*, round: Round) -> int:
    """The round's results revision (`RoundResultsRevision`): it moves on in the transaction of
    every change the analysis reads. One indexed read."""
    return (
        RoundResultsRevision.objects.filter(round_id=round.pk)
        .values_list("revision", flat=True)
        .first()
        or 0
    )
