"""The chair's results page for a round, decisions on its entries, and the CSV/XLSX exports.

Open to the chairs of the round's category and to organisers (staff with `judging.change_round`);
404 for anyone else, signed in or not (a login redirect would confirm that the round exists).
A chair's own conflicted entries are left out of everything they see, of the analysis behind it
and of what they export.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from judging.access import entry_ids_hidden_from_chair, get_round_for_chair
from judging.charts import calibration_shifts_svg, judge_distributions_svg
from judging.enums import DecisionOutcome, RoundMode, RoundStatus
from judging.exports import download_response
from judging.forms import DecisionForm
from judging.models import Decision, ResultsSnapshot, Round
from judging.results import DEFAULT_METHOD, RANKING_METHODS
from judging.results.analysis import DEFAULT_TOP_N
from judging.results_prepare import AnalysisFailed
from judging.results_rows import (
    ResultsView,
    reliability_reading,
    results_for_viewer,
    results_table,
    scores_table,
)
from judging.results_words import (
    reliability_advice,
    reliability_sentence,
    robustness_lines,
    settled_places,
)
from judging.selectors.results import judge_names, round_entries_shown, round_results_revision
from judging.selectors.results_state import snapshots_changed_at
from judging.services.decisions import MAX_TOP_N, outcomes_for_round

PAGE_SIZE = 50
SHOW_ALL_LIMIT = 200  # "Show all" is offered to rounds up to this many entries
METHOD_LABELS = {
    "shrunk": gettext_lazy(
        "Calibrated as far as the data support it: shrunk judge offsets (recommended)"
    ),
    "mean": gettext_lazy("Mean of the judges' scores (no calibration)"),
    "zscore": gettext_lazy("Calibrated: each judge's scores standardised (z-scores)"),
    "offset": gettext_lazy("Calibrated: each judge's leniency taken out (judge offsets)"),
}
CALIBRATED_LABELS = {
    "zscore": gettext_lazy("Calibrated (z-scores)"),
    "offset": gettext_lazy("Calibrated (judge offsets)"),
    "shrunk": gettext_lazy("Calibrated (shrunk judge offsets)"),
}
METHOD_ORDER = ("shrunk", "mean", "zscore", "offset")


def _options(request, round) -> tuple[str, int]:
    """The method and the cut: the round's own number to advance unless the chair picks another."""
    method = request.GET.get("method")
    if method not in RANKING_METHODS:
        method = DEFAULT_METHOD
    default_top = round.advance_count or DEFAULT_TOP_N
    try:
        top_n = int(request.GET.get("top", default_top))
    except ValueError:
        top_n = default_top
    return method, min(max(top_n, 1), MAX_TOP_N)


def _without(request) -> tuple[int, ...]:
    """The what-if view's judges (user ids), from ``?without=``; nonsense is ignored."""
    values = request.POST.getlist("without") if request.method == "POST" else []
    values = values or request.GET.getlist("without")
    return tuple(sorted({int(v) for v in values if v.isdigit()}))


def _query(method: str, top_n: int, without: tuple[int, ...] = ()) -> str:
    return urlencode([("method", method), ("top", top_n), *(("without", pk) for pk in without)])


def _charts(*, view: ResultsView, rows) -> dict:
    """The judges' box plots, and the calibration shifts of the entries on this page."""
    scale = (view.result or {}).get("scale") or {"min": 0, "max": 0}
    charts = {}
    if view.result:
        charts["judges"] = judge_distributions_svg(
            judges=[(j["name"], j["five"]) for j in view.judges],
            scale_min=scale["min"],
            scale_max=scale["max"],
            title=_("Each judge's review scores"),
            description=_(
                "Box plots, one per judge: the line spans the lowest to the highest score, the "
                "box the middle half, the bar is the median and the dot the mean. The table "
                "below gives the same figures."
            ),
        )
        shifted = [
            (row["reference"], row["mean"], row["calibrated"])
            for row in rows
            if row.get("rank") is not None and row.get("calibrated") is not None
        ]
        if shifted:
            charts["shifts"] = calibration_shifts_svg(
                entries=shifted,
                scale_min=scale["min"],
                scale_max=scale["max"],
                title=_("Shift from calibration, entries on this page"),
                description=_(
                    "For each entry, a hollow dot at the mean of its scores and a filled dot at "
                    "its calibrated score; the results table gives the same figures."
                ),
            )
    return charts


def _decide(request, *, round: Round, view: ResultsView, method: str, top_n: int):
    """The decision form, bound on POST; on success, the redirect to answer with."""
    outcomes = outcomes_for_round(round=round)
    entry_ids = view.entry_ids
    if request.method != "POST":
        return DecisionForm(entry_ids=entry_ids, outcomes=outcomes), None
    form = DecisionForm(request.POST, entry_ids=entry_ids, outcomes=outcomes)
    if not form.is_valid():
        return form, None
    without = view.without_judges
    try:
        decisions = form.save(
            round=round,
            by=request.user,
            method=method,
            parameters={"top_n": top_n, "without_judges": list(without)},
        )
    except ValidationError:
        return form, None  # the form shows why, next to the field concerned
    messages.success(
        request,
        ngettext(
            "Decision recorded for %(count)s entry: %(outcome)s.",
            "Decision recorded for %(count)s entries: %(outcome)s.",
            len(decisions),
        )
        % {
            "count": len(decisions),
            "outcome": DecisionOutcome(form.cleaned_data["outcome"]).label,
        },
    )
    query = _query(method, top_n, without)
    return form, redirect(reverse("judging:round-results", args=[round.pk]) + "?" + query)


def _verdict_context(*, view: ResultsView, method: str, top_n: int, rows) -> dict:
    """Reliability in words, the robustness verdict, the what-if view's judges; each row on
    the page gets its place's verdict."""
    result = view.result or {}
    reading = (result.get("reliability") or {}).get("reading")
    places = settled_places(result.get("robustness"), top_n=top_n, by_entry=view.places)
    for row in rows:
        row["place"] = places.get("by_entry", {}).get(str(row["entry"])) if places else None
    without = view.without_judges
    return {
        "reading": reliability_reading(view.result),
        "reliability_sentence": reliability_sentence(reading),
        "reliability_advice": reliability_advice(reading),
        "verdict": robustness_lines(result.get("robustness"), names=view.names, top_n=top_n),
        "places": places,
        "without": without,
        "without_names": [view.names.get(pk, str(pk)) for pk in without],
        "full_query": _query(method, top_n),
        "safe_query": _query(DEFAULT_METHOD, top_n, without),
        "query": _query(method, top_n, without),
    }


def _viewer_results(request, round, *, method, top_n, background) -> ResultsView | None:
    """The results this request's viewer sees; None while the worker prepares a large round's
    analysis (with `background`), AnalysisFailed if that failed (`judging.results_prepare`)."""
    return results_for_viewer(
        round=round,
        user=request.user,
        method=method,
        top_n=top_n,
        without_judges=_without(request),
        background=background,
        retry="retry" in request.GET,
    )


def round_results(request, round_id):
    round = get_round_for_chair(request, round_id)
    if round.mode != RoundMode.RUBRIC:  # screening, ranking, pairwise: views/ballots.py
        return redirect("judging:ballot-results", round_id=round.pk)
    method, top_n = _options(request, round)
    try:
        # A decision is never held back: its post computes what it rests on.
        view = _viewer_results(
            request, round, method=method, top_n=top_n, background=request.method == "GET"
        )
    except AnalysisFailed:
        return _pending(request, round=round, failed=True)
    if view is None:
        return _pending(request, round=round)
    form, done = _decide(request, round=round, view=view, method=method, top_n=top_n)
    if done:
        return done
    show_all = request.GET.get("page") == "all" and len(view.rows) <= SHOW_ALL_LIMIT
    page_size = max(len(view.rows), 1) if show_all else PAGE_SIZE
    page = Paginator(view.rows, page_size).get_page(request.GET.get("page"))
    selected = {str(pk) for pk in form["entries"].value() or []} if form.is_bound else set()
    for row in page.object_list:
        row["selected"] = str(row["entry_id"]) in selected
    return render(
        request,
        "judging/results_round.html",
        {
            "round": round,
            "view": view,
            "page": page,
            "form": form,
            "decidable": round.status == RoundStatus.CLOSED,
            "method": method,
            "method_label": METHOD_LABELS[method],
            "methods": [(key, METHOD_LABELS[key]) for key in METHOD_ORDER],
            "calibrated_label": CALIBRATED_LABELS["shrunk" if method == "mean" else method],
            "top_n": top_n,
            "max_top_n": MAX_TOP_N,
            "show_all": show_all,
            "may_show_all": PAGE_SIZE < len(view.rows) <= SHOW_ALL_LIMIT,
            "charts": _charts(view=view, rows=page.object_list),
            **_verdict_context(view=view, method=method, top_n=top_n, rows=page.object_list),
            "jury_nav": True,
        },
    )


def _pending(request, *, round: Round, failed=False):
    """The page while the worker analyses a large round (`judging.results_prepare`); it asks
    `round_results_ready` every few seconds and reloads itself once the analysis is there."""
    query = request.GET.copy()
    query.pop("retry", None)
    retry = query.copy()
    retry["retry"] = "1"
    return render(
        request,
        "judging/_results_pending.html"
        if request.headers.get("HX-Request") == "true"
        else "judging/results_pending.html",
        {
            "round": round,
            "failed": failed,
            "ready_url": reverse("judging:round-results-ready", args=[round.pk])
            + "?"
            + query.urlencode(),
            "retry_url": request.path + "?" + retry.urlencode(),
            "jury_nav": True,
        },
    )


@require_GET
def round_results_ready(request, round_id):
    """The pending page's question: is the analysis there yet? No content while it is not, the
    failure note if it failed, and a request to reload the page once it is there."""
    round = get_round_for_chair(request, round_id)
    method, top_n = _options(request, round)
    try:
        view = _viewer_results(request, round, method=method, top_n=top_n, background=True)
    except AnalysisFailed:
        return _pending(request, round=round, failed=True)
    if view is None:
        return HttpResponse(status=204)  # nothing to swap: the note is not read out again
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response


def _filename(round: Round, what: str) -> str:
    return f"{round.category.edition.award.code}-{round.category.code}-round{round.position}-{what}"


def round_results_export(request, round_id, fmt):
    round = get_round_for_chair(request, round_id)
    method, top_n = _options(request, round)
    view = _viewer_results(request, round, method=method, top_n=top_n, background=False)
    header, rows = results_table(view)
    return download_response(
        filename=_filename(round, f"results-{method}"),
        fmt=fmt,
        sheet=_("Results"),
        header=header,
        rows=rows,
    )


def round_scores_export(request, round_id, fmt):
    """Every counted score, one row per review (see `results_rows.scores_table`)."""
    round = get_round_for_chair(request, round_id)
    header, rows = scores_table(round=round, user=request.user)
    return download_response(
        filename=_filename(round, "scores"), fmt=fmt, sheet=_("Scores"), header=header, rows=rows
    )


def results_snapshot_detail(request, round_id, pk):
    """A decision's frozen results, as they stood when it was recorded, with a warning when the
    scores have changed since. Entries the viewer is conflicted with are left out."""
    round = get_round_for_chair(request, round_id)
    snapshot = get_object_or_404(
        ResultsSnapshot.objects.select_related("created_by"), pk=pk, round=round
    )
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    changed = snapshots_changed_at(
        round=round, revision=round_results_revision(round=round), snapshots=[snapshot]
    )
    entries = round_entries_shown(round=round, hidden=hidden)
    decisions = {
        d.entry_id: d
        for d in Decision.objects.filter(snapshot=snapshot).exclude(entry_id__in=hidden)
    }
    rows = [
        {
            **row,
            "reference": entries.get(row["entry_id"], {}).get("reference", row["entry"]),
            "title": entries.get(row["entry_id"], {}).get("title", ""),
            "decision": decisions.get(row["entry_id"]),
        }
        for row in snapshot.table.get("entries", [])
        if row.get("entry_id") not in hidden
    ]
    return render(
        request,
        "judging/results_snapshot.html",
        {
            "round": round,
            "snapshot": snapshot,
            "rows": rows,
            "changed": snapshot.pk in changed,
            "without_names": list(
                judge_names((snapshot.parameters or {}).get("without_judges", [])).values()
            ),
            "method_label": METHOD_LABELS.get(snapshot.method, snapshot.method),
            "hidden_count": sum(
                1 for row in snapshot.table.get("entries", []) if row.get("entry_id") in hidden
            ),
            "jury_nav": True,
        },
    )
