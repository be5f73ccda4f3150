"""The results page's rows for one viewer, in the active language: the analysis merged with the
entries, decisions and judges a given chair or organiser may see, the sentence on the judges'
agreement, and the tables of the two exports. The page, its exports and the benchmark all read
through `results_for_viewer`.

The analysis comes from `judging.selectors.results_state` (cached under the round's results
revision); the rows of entries are built only for the slice the page shows (`EntryRows`), with
their titles and decisions read for that slice alone."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from judging.access import entry_ids_hidden_from_chair
from judging.models import Decision, ResultsSnapshot, Round, RoundEntry
from judging.results_prepare import results_state_get
from judging.results_words import flag_text, warning_text
from judging.selectors.entries import latest_version_field
from judging.selectors.results import (
    judge_names,
    round_entries_shown,
    round_results_revision,
    round_scores_load,
)
from judging.selectors.results_state import (
    ResultsState,
    ScoresLoader,
    snapshots_changed_at,
)
from submissions.models import Entry


@dataclass
class ResultsView:
    """Everything the page and the exports show, for one viewer."""

    round: Round
    method: str
    top_n: int
    result: dict[str, Any] | None
    rows: "EntryRows"
    hidden_count: int
    stale_count: int
    judges: list[dict[str, Any]] = field(default_factory=list)
    without_judges: tuple[int, ...] = ()
    names: dict[int, str] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    entry_ids: frozenset[int] = frozenset()
    places: dict[str, dict] = field(default_factory=dict)


def results_for_viewer(
    *,
    round: Round,
    user,
    method: str,
    top_n: int,
    without_judges: tuple[int, ...] = (),
    background: bool = False,
    retry: bool = False,
) -> ResultsView | None:
    """The analysis (cached) merged with the entries, decisions and judges. Constant query
    count and, once the analysis is cached, work that does not grow with the round.

    `without_judges` is the what-if view: the analysis as if those judges (user ids among the
    round's judges) had not taken part. With `background`, a large round's analysis not ready
    yet is left to the worker and the answer is None (`judging.results_prepare`)."""
    revision = round_results_revision(round=round)  # first: see results_state's docstring
    hidden = entry_ids_hidden_from_chair(user=user, category=round.category)
    if hidden:
        hidden = set(
            RoundEntry.objects.filter(round=round, entry_id__in=hidden).values_list(
                "entry_id", flat=True
            )
        )
    loader = ScoresLoader(round)
    options = {
        "round": round,
        "hidden": frozenset(hidden),
        "method": method,
        "top_n": top_n,
        "without": tuple(sorted(set(without_judges))),
        "revision": revision,
    }
    state = results_state_get(**options, background=background, retry=retry, loader=loader)
    if state is None:
        return None
    result = state.result
    names = judge_names(state.judge_ids) if result else {}
    changed, per_snapshot = _changed_snapshots(
        round=round, hidden=hidden, revision=revision, loader=loader
    )
    return ResultsView(
        round=round,
        method=method,
        top_n=top_n,
        result=result,
        rows=EntryRows(
            round=round, state=state, method=method, changed=changed, hidden=frozenset(hidden)
        ),
        hidden_count=len(hidden),
        stale_count=sum(count for pk, count in per_snapshot.items() if pk in changed),
        judges=_judge_rows(state=state, names=names) if result else [],
        without_judges=state.without,
        names=names,
        warnings=[
            {**w, "text": warning_text(w, names=names)} for w in (result or {}).get("warnings", [])
        ],
        entry_ids=state.entry_ids,
        places=state.places,
    )


def _changed_snapshots(*, round: Round, hidden, revision: int, loader):
    """The snapshots the viewer's decisions rest on whose scores have changed since, and how
    many of the viewer's decisions rest on each snapshot. Two queries."""
    per_snapshot = dict(
        Decision.objects.filter(round=round, snapshot__isnull=False)
        .exclude(entry_id__in=hidden)
        .values_list("snapshot_id")
        .annotate(count=Count("pk"))
        .values_list("snapshot_id", "count")
    )
    snapshots = ResultsSnapshot.objects.filter(pk__in=list(per_snapshot)).only(
        "pk", "parameters", "inputs_hash"
    )
    changed = snapshots_changed_at(
        round=round, revision=revision, snapshots=snapshots, loader=loader
    )
    return changed, per_snapshot


class EntryRows(Sequence):
    """The ranked entries in rank order, then the entries without scores by reference; a row is
    built when a slice of them is asked for (a page of the ranking), with the titles and
    decisions of that slice read in two queries."""

    def __init__(self, *, round: Round, state: ResultsState, method: str, changed, hidden):
        self.round = round
        self.state = state
        self.method = method
        self.changed = changed
        self.hidden = hidden
        self.ranked = (state.result or {}).get("entries", [])

    def __len__(self) -> int:
        return len(self.ranked) + len(self.state.unscored)

    def __getitem__(self, index):
        if isinstance(index, slice):
            positions = range(len(self))[index]
            return self._build(positions)
        position = range(len(self))[index]
        return self._build([position])[0]

    def __iter__(self):
        return iter(self._build(range(len(self))))

    def _build(self, positions) -> list[dict[str, Any]]:
        n = len(self.ranked)
        items = [
            self.ranked[p] if p < n else {"unscored": self.state.unscored[p - n]} for p in positions
        ]
        ids = [item["unscored"][0] if "unscored" in item else item["entry_id"] for item in items]
        if not ids:
            return []
        # The title the jury reads: the latest submitted version's, else the entry's own.
        titles = {
            pk: jury_title or title
            for pk, title, jury_title in Entry.objects.filter(pk__in=ids)
            .annotate(jury_title=latest_version_field("title", entry="pk"))
            .values_list("pk", "title", "jury_title")
        }
        decisions = {
            d.entry_id: d
            for d in Decision.objects.filter(round=self.round, entry_id__in=ids)
            .exclude(entry_id__in=self.hidden)
            .select_related("decided_by")
        }
        rows = []
        for item, entry_id in zip(items, ids, strict=True):
            title = titles.get(entry_id, "")
            decision = decisions.get(entry_id)
            stale = bool(decision and decision.snapshot_id in self.changed)
            if "unscored" in item:
                reference = item["unscored"][1]
                rows.append(
                    {
                        "entry_id": entry_id,
                        "entry": reference,
                        "reference": reference,
                        "title": title,
                        "rank": None,
                        "reviews": 0,
                        "decision": decision,
                        "stale": stale,
                    }
                )
            else:
                rows.append(self._ranked_row(item, title, decision, stale))
        return rows

    def _ranked_row(self, item, title, decision, stale) -> dict[str, Any]:
        # The calibrated column: the method's own score, or the default calibration beside
        # raw means.
        calibrated = item["shrunk" if self.method == "mean" else self.method]
        stats = self.state.spread.get(item["entry"], {})
        return {
            **item,
            "reference": item["entry"],
            "title": title,
            "calibrated": calibrated,
            "shift": None if calibrated is None else calibrated - item["mean"],
            "top_percent": _percent(item["top_probability"]),
            "sd": stats.get("sd"),
            "min": stats.get("min"),
            "max": stats.get("max"),
            "tied_with": self.state.ties.get(item["entry"], []),
            "statistical_tie": self.state.statistical.get(item["entry"]),
            "decision": decision,
            "stale": stale,
        }


def _judge_rows(*, state: ResultsState, names) -> list[dict[str, Any]]:
    """Each judge with their name, review scores, five-number summary, flags (with their
    basis) and the few-reviews warning, by name."""
    result = state.result
    judges = []
    distributions = state.distributions
    flags: dict[int, list[str]] = {}
    for flag in result["flags"]:
        flags.setdefault(flag["judge"], []).append(flag_text(flag))
    for warning in result.get("warnings", []):
        if warning["code"] == "judge_few_reviews":
            judge = warning["params"]["judge"]
            flags.setdefault(judge, []).append(
                _("Too few reviews to measure this judge's leniency (%(reviews)s of %(minimum)s).")
                % warning["params"]
            )
    for judge in result["judges"]:
        judges.append(
            {
                **judge,
                "name": names.get(judge["judge"], str(judge["judge"])),
                "five": distributions.get(judge["judge"]),
                "flags": flags.get(judge["judge"], []),
            }
        )
    judges.sort(key=lambda j: j["name"].lower())
    return judges


def _percent(share: float | None) -> int | None:
    # `round` is a Round everywhere in this module, hence no builtin round() here.
    return None if share is None else int(100 * share + 0.5)


def format_number(value, digits=2) -> str:
    # floatformat, as the templates use, so the sentence and the figures round alike.
    return floatformat(value, digits)


def reliability_reading(result: dict[str, Any] | None) -> str:
    """One plain-language sentence on how far the judges agree."""
    if not result:
        return ""
    reliability = result["reliability"]
    icc = (reliability.get("icc") or {}).get("ICC2")
    alpha = (reliability.get("alpha") or {}).get("interval")
    if icc is not None:
        figure = _("ICC(2,1) = %(value)s") % {"value": format_number(icc)}
        value = icc
        good, fair = 0.75, 0.5
    elif alpha is not None:
        figure = _("Krippendorff's alpha = %(value)s") % {"value": format_number(alpha)}
        value = alpha
        good, fair = 0.8, 0.667
    else:
        return _("Too few entries were reviewed by more than one judge to measure agreement.")
    if value >= good:
        reading = _("Judges agree well (%(figure)s): the ranking is reliable.")
    elif value >= fair:
        reading = _("Judges agree moderately (%(figure)s): small differences in rank mean little.")
    else:
        reading = _("Judges disagree a lot (%(figure)s): treat close ranks as ties.")
    reading = reading % {"figure": figure}
    if reliability.get("icc") is None:
        reading = (
            _(
                "Design is incomplete (each judge saw a subset), so ICC and Kendall's W are "
                "not available."
            )
            + " "
            + reading
        )
    return reading


def results_table(view: ResultsView) -> tuple[list[str], list[list]]:
    """The results export: header and one row per entry, as the page shows them."""
    header = [
        _("Rank"),
        _("Entry"),
        _("Title"),
        _("Reviews"),
        _("Mean"),
        _("Median"),
        _("Calibrated (z-scores)"),
        _("Calibrated (judge offsets)"),
        _("Calibrated (shrunk judge offsets)"),
        _("Score that ranks: 95% interval, low"),
        _("Score that ranks: 95% interval, high"),
        _("Standard deviation"),
        _("Lowest"),
        _("Highest"),
        _("Probability of top %(n)s") % {"n": view.top_n},
        _("Tied with"),
        _("Decision"),
        _("Reason"),
        _("Scores changed since the decision"),
    ]
    rows = [
        [
            row.get("rank"),
            row["reference"],
            row["title"],
            row.get("reviews"),
            row.get("mean"),
            row.get("median"),
            row.get("zscore"),
            row.get("offset"),
            row.get("shrunk"),
            row.get("score_low"),
            row.get("score_high"),
            row.get("sd"),
            row.get("min"),
            row.get("max"),
            row.get("top_probability"),
            ", ".join(str(label) for label in row.get("tied_with", [])),
            row["decision"].get_outcome_display() if row["decision"] else "",
            row["decision"].reason if row["decision"] else "",
            _("yes") if row["stale"] else "",
        ]
        for row in view.rows
    ]
    return header, rows


def scores_table(*, round: Round, user) -> tuple[list[str], list[list]]:
    """The scores export: every counted score, one row per review with a column per criterion
    and the review's weighted score (None when it misses a criterion). Submitted reviews only,
    conflicted judges' scores left out, and `user`'s own conflicted entries left out."""
    hidden = entry_ids_hidden_from_chair(user=user, category=round.category)
    scores = round_scores_load(round=round).without(hidden)
    entries = round_entries_shown(round=round, hidden=hidden)
    names = judge_names(set(scores.judge_ids.tolist()))
    weighted = scores.review_scores()
    # One row per review with a column per criterion: a sixth of the cells of one row per
    # score, which keeps a 150,000-score XLSX within a request's time.
    reviews: dict[tuple[int, int], dict[int, float]] = {}
    for entry_id, judge_id, criterion_id, value in scores.rows:
        reviews.setdefault((entry_id, judge_id), {})[criterion_id] = value
    header = [
        _("Entry"),
        _("Title"),
        _("Judge id"),
        _("Judge"),
        *(
            _("%(criterion)s (weight %(weight)s)")
            % {"criterion": c.name, "weight": format_number(c.weight, -2)}
            for c in scores.criteria
        ),
        _("Weighted score"),
    ]
    rows = []
    for (entry_id, judge_id), values in sorted(
        reviews.items(), key=lambda item: (scores.entry_labels[item[0][0]], item[0][1])
    ):
        meta = entries.get(entry_id, {})
        rows.append(
            [
                meta.get("reference", scores.entry_labels[entry_id]),
                meta.get("title", ""),
                judge_id,
                names.get(judge_id, ""),
                *(values.get(c.pk) for c in scores.criteria),
                weighted[(entry_id, judge_id)],
            ]
        )
    return header, rows
