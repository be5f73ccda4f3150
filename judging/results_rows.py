"""The results page's rows for one viewer, in the active language: the analysis merged with the
entries, decisions and judges a given chair or organiser may see, the sentence on the judges'
agreement, and the tables of the two exports. The page, its exports and the benchmark all read
through `results_for_viewer`."""

from dataclasses import dataclass, field
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from judging.access import entry_ids_hidden_from_chair
from judging.charts import five_numbers
from judging.models import Decision, Round, RoundEntry
from judging.results_words import flag_text, warning_text
from judging.selectors.results import (
    RoundScores,
    judge_names,
    judge_review_scores,
    round_entries_shown,
    round_results_analyse,
    round_scores_load,
    snapshots_changed,
)


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
    without_judges: tuple[int, ...] = ()
    names: dict[int, str] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def results_for_viewer(
    *, round: Round, user, method: str, top_n: int, without_judges: tuple[int, ...] = ()
) -> ResultsView:
    """Load, analyse and merge with the entries, decisions and judges. Constant query count.

    `without_judges` is the what-if view: the analysis as if those judges (user ids among the
    round's judges; others are ignored) had not taken part."""
    hidden = entry_ids_hidden_from_chair(user=user, category=round.category)
    in_round = set(RoundEntry.objects.filter(round=round).values_list("entry_id", flat=True))
    hidden &= in_round
    full = round_scores_load(round=round)
    scores = full.without(hidden)
    judge_ids = set(scores.judge_ids.tolist())
    without = tuple(sorted(pk for pk in set(without_judges) if pk in judge_ids))
    if len(without) >= len(judge_ids):
        without = ()
    result = round_results_analyse(
        scores=scores, method=method, top_n=top_n, without_judges=without
    )
    names = judge_names(judge_ids) if result else {}
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
    return ResultsView(
        round=round,
        method=method,
        top_n=top_n,
        scores=scores,
        result=result,
        rows=_entry_rows(
            result=result, method=method, entries=entries, decisions=decisions, changed=changed
        ),
        hidden_count=len(hidden),
        stale_count=sum(1 for d in decisions.values() if d.snapshot_id in changed),
        judges=_judge_rows(result=result, scores=scores, names=names) if result else [],
        without_judges=without,
        names=names,
        warnings=[
            {**w, "text": warning_text(w, names=names)} for w in (result or {}).get("warnings", [])
        ],
    )


def _entry_rows(*, result, method: str, entries, decisions, changed) -> list[dict[str, Any]]:
    """The ranked entries with their figures and decision, then the entries without scores."""
    ties = {}
    statistical = {}
    if result:
        for tie in result["ties"]:
            for label in tie["entries"]:
                ties[label] = [other for other in tie["entries"] if other != label]
        for neighbour in result["statistical_ties"]:
            statistical[neighbour["entry"]] = neighbour
    # The calibrated column: the method's own score, or the default calibration beside raw means.
    calibrated_key = method if method != "mean" else "shrunk"
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
    return rows


def _judge_rows(*, result, scores: RoundScores, names) -> list[dict[str, Any]]:
    """Each judge with their name, review scores, five-number summary, flags (with their
    basis) and the few-reviews warning, by name."""
    judges = []
    distributions = judge_review_scores(scores)
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
                "scores": distributions.get(judge["judge"], []),
                "five": five_numbers(distributions.get(judge["judge"], [])),
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
