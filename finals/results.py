"""Results of the pitch combined with an earlier round, as the organiser weighs them (e.g.
pitch 60 %, written round 40 %).

Each round's result is put on one scale from 0 to 1 before weighing, so rounds judged in
different ways combine: a rubric round's mean weighted review score relative to its rubric's
scale (lowest possible 0, highest 1); a screening round's yes share; a ranking round's points
relative to the most any entry got; a pairwise round's Bradley-Terry strength relative to the
weakest (0) and strongest (1). Only finalists (entries of the pitch round) are listed; an
entry without a figure in a round is shown without a combined score.
"""

from judging.enums import RoundMode
from judging.selectors.ballots import ballot_results
from judging.selectors.results import round_entries_shown, round_scores_load


def round_standing(*, round) -> dict[int, float]:
    """Entry id -> the round's result on the 0..1 scale (see the module docstring)."""
    if round.mode == RoundMode.RUBRIC:
        scores = round_scores_load(round=round)
        per_entry: dict[int, list[float]] = {}
        for (entry_id, _judge), value in scores.review_scores().items():
            if value is not None:
                per_entry.setdefault(entry_id, []).append(value)
        total = sum(float(c.weight) for c in scores.criteria) or 1.0
        low = sum(float(c.weight) * c.scale_min for c in scores.criteria) / total
        high = sum(float(c.weight) * c.scale_max for c in scores.criteria) / total
        span = (high - low) or 1.0
        return {e: (sum(v) / len(v) - low) / span for e, v in per_entry.items()}
    rows = ballot_results(round=round)["entries"]
    if round.mode == RoundMode.SCREENING:
        return {r["entry_id"]: r["yes_share"] for r in rows if r["yes_share"] is not None}
    if round.mode == RoundMode.RANKING:
        top = max((r["points"] for r in rows), default=0) or 1
        return {r["entry_id"]: r["points"] / top for r in rows}
    abilities = {r["entry_id"]: r["ability"] for r in rows if r.get("ability") is not None}
    if not abilities:
        return {}
    low, high = min(abilities.values()), max(abilities.values())
    return {e: (a - low) / ((high - low) or 1.0) for e, a in abilities.items()}


def combined_results(*, pitch_day) -> list[dict]:
    """The finalists, best combined first, with each round's standing and the combination."""
    pitch = round_standing(round=pitch_day.round)
    earlier = round_standing(round=pitch_day.earlier_round) if pitch_day.earlier_round else {}
    weight = pitch_day.pitch_weight / 100
    rows = []
    for entry_id, shown in round_entries_shown(round=pitch_day.round, hidden=set()).items():
        p, e = pitch.get(entry_id), earlier.get(entry_id)
        if pitch_day.earlier_round is None:
            combined = p
        else:
            combined = None if p is None or e is None else weight * p + (1 - weight) * e
        rows.append({"entry_id": entry_id, **shown, "pitch": p, "earlier": e, "combined": combined})
    rows.sort(key=lambda r: (r["combined"] is None, -(r["combined"] or 0), r["reference"]))
    for position, row in enumerate(rows, start=1):
        row["rank"] = position if row["combined"] is not None else None
    return rows
