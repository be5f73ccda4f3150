"""Chairs' pages of screening, ranking and pairwise rounds: results, decisions, ballots CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from judging.access import entry_ids_hidden_from_chair, get_round_for_chair
from judging.ballot_forms import BallotDecisionForm
from judging.enums import DecisionOutcome, RoundMode, RoundStatus
from judging.exports import download_response
from judging.models import Decision, Round
from judging.selectors.ballots import (
    ballot_results,
    pair_comparisons,
    ranking_ballots,
    screening_answers,
)
from judging.selectors.results import judge_names, round_entries_shown
from judging.services.decisions import outcomes_for_round


def _chair_round(request, round_id) -> Round:
    round = get_round_for_chair(request, round_id)
    if round.mode == RoundMode.RUBRIC:
        raise Http404
    return round


def ballot_results_view(request, round_id):
    """The round's results; once it is closed, the chair records decisions on them."""
    round = _chair_round(request, round_id)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    result = ballot_results(round=round, hidden=hidden)
    entry_ids = [row["entry_id"] for row in result["entries"]]
    outcomes = outcomes_for_round(round=round)
    form = BallotDecisionForm(entry_ids=entry_ids, outcomes=outcomes)
    if request.method == "POST":
        form = BallotDecisionForm(request.POST, entry_ids=entry_ids, outcomes=outcomes)
        if form.is_valid():
            try:
                decisions = form.save(round=round, by=request.user)
            except ValidationError:
                pass  # the form shows why
            else:
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
                return redirect("judging:ballot-results", round_id=round.pk)
    decisions = {
        d.entry_id: d for d in Decision.objects.filter(round=round).exclude(entry_id__in=hidden)
    }
    selected = {str(pk) for pk in (form["entries"].value() or [])} if form.is_bound else set()
    for row in result["entries"]:
        row["decision"] = decisions.get(row["entry_id"])
        row["selected"] = str(row["entry_id"]) in selected
    return render(
        request,
        "judging/ballot_results.html",
        {
            "round": round,
            "result": result,
            "hidden_count": len(hidden),
            "form": form,
            "decidable": round.status == RoundStatus.CLOSED,
            "jury_nav": True,
        },
    )


def ballot_export(request, round_id):
    """The round's counted ballots as CSV, in the columns `analyse_rankings` and
    `analyse_pairs` read (extra columns are ignored there)."""
    round = _chair_round(request, round_id)
    hidden = entry_ids_hidden_from_chair(user=request.user, category=round.category)
    entries = round_entries_shown(round=round, hidden=hidden)
    if round.mode == RoundMode.SCREENING:
        answers = screening_answers(round=round, hidden=hidden)
        names = judge_names({judge for _e, judge, _a, _r in answers})
        header = ["judge", "judge_name", "entry", "title", "answer", "reason"]
        rows = [
            [judge, names.get(judge, ""), entries[e]["reference"], entries[e]["title"], a, r]
            for e, judge, a, r in answers
            if e in entries
        ]
    elif round.mode == RoundMode.RANKING:
        ballots = ranking_ballots(round=round, hidden=hidden)
        names = judge_names(ballots)
        header = ["judge", "judge_name", "entry", "title", "rank"]
        rows = [
            [judge, names.get(judge, ""), entries[e]["reference"], entries[e]["title"], rank]
            for judge, tiers in sorted(ballots.items())
            for rank, tier in _competition_ranks(tiers)
            for e in tier
            if e in entries
        ]
    else:
        comparisons = pair_comparisons(round=round, hidden=hidden)
        names = judge_names({c.judge_id for c in comparisons})
        header = ["judge", "judge_name", "winner", "loser", "tie"]
        rows = []
        for c in comparisons:
            winner, loser = (
                (c.second_id, c.first_id)
                if c.outcome == "second"
                else (
                    c.first_id,
                    c.second_id,
                )
            )
            rows.append(
                [
                    c.judge_id,
                    names.get(c.judge_id, ""),
                    entries[winner]["reference"],
                    entries[loser]["reference"],
                    1 if c.outcome == "equal" else 0,
                ]
            )
    filename = (
        f"{round.category.edition.award.code}-{round.category.code}-round{round.position}-ballots"
    )
    return download_response(
        filename=filename, fmt="csv", sheet=_("Ballots"), header=header, rows=rows
    )


def _competition_ranks(tiers):
    rank = 1
    for tier in tiers:
        yield rank, tier
        rank += len(tier)
