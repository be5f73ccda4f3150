"""A round's scores, read from the database into the plain inputs of `judging.results`.

Only submitted reviews count (a draft is a judge's private notebook), only entries still in the
round count, and a judge's scores on an entry they have a confirmed conflict with are left out
of that entry's data everywhere. Reading takes two queries whatever the size of the round.

Labels given to the pure package: an entry is its reference (``#<id>`` before it has one), a
judge their user id, a criterion ``c<id>`` (names need not be unique within a round).

`results_for_viewer` then merges the analysis with the entries, decisions and judges a given
chair or organiser may see: the results page, its exports and the benchmark all read through it.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Subquery
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from judging.access import entry_ids_hidden_from_chair
from judging.charts import five_numbers
from judging.enums import ConflictStatus, ReviewStatus
from judging.models import Conflict, Criterion, Decision, Round, RoundEntry, Score
from judging.results import Criterion as RubricCriterion
from judging.results import ScoreRow, analyse, to_json_dict
from submissions.models import Entry, EntryVersion

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
) -> dict[str, Any] | None:
    """The analysis of `scores` as strict-JSON plain data, or None when nothing is scored yet.

    Cached under the inputs hash: the same scores, method and options always give the same result
    (the bootstrap is seeded), and re-running 1,000 resamples on every page view would be waste.
    Each ranked entry gets its ``entry_id``.
    """
    if not len(scores):
        return None
    labels = ",".join(f"{k}={v}" for k, v in sorted(scores.entry_labels.items()))
    options = f"{scores.round.pk}:{scores.inputs_hash}:{method}:{top_n}:{bootstrap}:{seed}"
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
            )
        )
        ids = scores.entry_ids_by_label
        for row in result["entries"]:
            row["entry_id"] = ids[row["entry"]]
        cache.set(key, result, ANALYSIS_CACHE_SECONDS)
    return result


def snapshot_parameters(*, top_n: int, hidden_entry_ids=()) -> dict[str, Any]:
    """The analysis options a snapshot records, so the same table can be recomputed."""
    return {
        "top_n": int(top_n),
        "bootstrap": BOOTSTRAP_RESAMPLES,
        "seed": BOOTSTRAP_SEED,
        "hidden_entries": sorted(int(pk) for pk in hidden_entry_ids),
    }


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


@dataclass
class ResultsView:
    """Everything the page and the exports show, for one viewer."""

    round: Round
    method: str
    top_n: int
    scores: RoundScores
    result: dict[str, Any] | None
    rows: list[dict[str, Any]]
    hidden_count: int
    stale_count: int
    judges: list[dict[str, Any]] = field(default_factory=list)


def round_entries_shown(*, round: Round, hidden: set[int]) -> dict[int, dict[str, Any]]:
    """Reference and the title the jury reads (latest submitted version) of the entries in the
    round the viewer may see. One query."""
    latest_title = Subquery(
        EntryVersion.objects.filter(entry=OuterRef("pk"))
        .order_by("-number")
        .values("content__title")[:1]
    )
    rows = (
        Entry.objects.filter(round_entries__round=round)
        .annotate(jury_title=latest_title)
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
    if not len(scores) or not scores.criteria:
        return {}
    ids = np.array(sorted(c.pk for c in scores.criteria), dtype=np.int64)
    weight_of = {c.pk: float(c.weight) for c in scores.criteria}
    weights = np.array([weight_of[pk] for pk in ids.tolist()])[
        np.searchsorted(ids, scores.criterion_ids)
    ]
    base = int(scores.judge_ids.max()) + 1
    keys, inverse = np.unique(scores.entry_ids * base + scores.judge_ids, return_inverse=True)
    total = np.bincount(inverse, weights=weights * scores.values)
    weight = np.bincount(inverse, weights=weights)
    complete = np.bincount(inverse) == len(ids)
    out: dict[int, list[float]] = {}
    for key, value in zip(
        keys[complete].tolist(), (total[complete] / weight[complete]).tolist(), strict=True
    ):
        out.setdefault(key % base, []).append(value)
    return out


def results_for_viewer(*, round: Round, user, method: str, top_n: int) -> ResultsView:
    """Load, analyse and merge with the entries, decisions and judges. Constant query count."""
    hidden = entry_ids_hidden_from_chair(user=user, category=round.category)
    in_round = set(RoundEntry.objects.filter(round=round).values_list("entry_id", flat=True))
    hidden &= in_round
    full = round_scores_load(round=round)
    scores = full.without(hidden)
    result = round_results_analyse(scores=scores, method=method, top_n=top_n)
    entries = round_entries_shown(round=round, hidden=hidden)
    decisions = {
        d.entry_id: d
        for d in Decision.objects.filter(round=round)
        .exclude(entry_id__in=hidden)
        .select_related("snapshot", "decided_by")
        .defer("snapshot__table")
    }
    snapshots = {d.snapshot.pk: d.snapshot for d in decisions.values() if d.snapshot}
    changed = snapshots_changed(scores=full, snapshots=snapshots.values())

    ties = {}
    statistical = {}
    if result:
        for tie in result["ties"]:
            for label in tie["entries"]:
                ties[label] = [other for other in tie["entries"] if other != label]
        for neighbour in result["statistical_ties"]:
            statistical[neighbour["entry"]] = neighbour
    calibrated_key = "zscore" if method == "zscore" else "offset"
    spread = {s["entry"]: s for s in (result or {}).get("entry_statistics", [])}
    rows = []
    seen = set()
    for item in (result or {}).get("entries", []):
        entry_id = item["entry_id"]
        seen.add(entry_id)
        stats = spread.get(item["entry"], {})
        calibrated = item[calibrated_key]
        decision = decisions.get(entry_id)
        rows.append(
            {
                **item,
                **entries.get(entry_id, {"reference": item["entry"], "title": ""}),
                "calibrated": calibrated,
                "shift": None if calibrated is None else calibrated - item["mean"],
                "top_percent": _percent(item["top_probability"]),
                "sd": stats.get("sd"),
                "min": stats.get("min"),
                "max": stats.get("max"),
                "tied_with": ties.get(item["entry"], []),
                "statistical_tie": statistical.get(item["entry"]),
                "decision": decision,
                "stale": bool(decision and decision.snapshot_id in changed),
            }
        )
    for entry_id, meta in sorted(entries.items(), key=lambda kv: kv[1]["reference"]):
        if entry_id not in seen:
            decision = decisions.get(entry_id)
            rows.append(
                {
                    "entry_id": entry_id,
                    "entry": meta["reference"],
                    **meta,
                    "rank": None,
                    "reviews": 0,
                    "decision": decision,
                    "stale": bool(decision and decision.snapshot_id in changed),
                }
            )

    judges = []
    if result:
        names = judge_names(j["judge"] for j in result["judges"])
        distributions = judge_review_scores(scores)
        flags: dict[int, list[dict]] = {}
        for flag in result["flags"]:
            flags.setdefault(flag["judge"], []).append(flag)
        for judge in result["judges"]:
            judges.append(
                {
                    **judge,
                    "name": names.get(judge["judge"], str(judge["judge"])),
                    "scores": distributions.get(judge["judge"], []),
                    "five": five_numbers(distributions.get(judge["judge"], [])),
                    "flags": [_flag_text(flag) for flag in flags.get(judge["judge"], [])],
                }
            )
        judges.sort(key=lambda j: j["name"].lower())
    return ResultsView(
        round=round,
        method=method,
        top_n=top_n,
        scores=scores,
        result=result,
        rows=rows,
        hidden_count=len(hidden),
        stale_count=sum(1 for d in decisions.values() if d.snapshot_id in changed),
        judges=judges,
    )


def _percent(share: float | None) -> int | None:
    # `round` is a Round everywhere in this module, hence no builtin round() here.
    return None if share is None else int(100 * share + 0.5)


def format_number(value, digits=2) -> str:
    # floatformat, as the templates use, so the sentence and the figures round alike.
    return floatformat(value, digits)


def _flag_text(flag: dict) -> str:
    if flag["rule"] == "deviation":
        if flag["value"] > 0:
            text = _("Scores much higher than colleagues on the same entries (%(sd)s SD).")
        else:
            text = _("Scores much lower than colleagues on the same entries (%(sd)s SD).")
        return text % {"sd": format_number(abs(flag["value"]), 1)}
    return _("Orders entries against the other judges (correlation %(r)s).") % {
        "r": format_number(flag["value"])
    }
