"""Results of the rounds judged without a rubric: screening shares, combined rankings and
their robustness to leaving one judge out (pure; the app and the CLI share it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .ranking import borda, schulze
from .records import Label, label_key

BALLOT_METHODS = ("borda", "schulze")


def rank_ballots(
    *,
    ballots: Mapping[Label, Sequence[Sequence[Label]]],
    entries: Sequence[Label],
    method: str,
) -> dict[str, Any]:
    """The ``{"method", "entries": [{"entry", "points", "rank"}]}`` result (best first).

    Borda: an entry's points are, summed over ballots, the entries the ballot ranks below it
    plus half those tied with it; entries a ballot leaves out count as tied below all it ranks.
    Schulze: the number of entries it beats on the strongest paths.
    """
    if method not in BALLOT_METHODS:
        raise ValueError(f"unknown method {method!r}; choose from {', '.join(BALLOT_METHODS)}")
    judges = sorted(ballots, key=label_key)
    given = [ballots[j] for j in judges]
    candidates = sorted(entries, key=label_key)
    if not candidates:
        return {"method": method, "entries": []}
    if method == "borda":
        result = borda(ballots=given, candidates=candidates)
        points: dict[Label, float] = result.points
        order = result.order
    else:
        result = schulze(ballots=given, candidates=candidates)
        paths = result.strongest_paths
        points = {
            name: sum(1 for b in range(len(candidates)) if paths[a][b] > paths[b][a])
            for a, name in enumerate(result.candidates)
        }
        order = result.order
    rows = []
    for tier in order:
        rank = len(rows) + 1
        for name in sorted(tier, key=label_key):
            rows.append({"entry": name, "points": plain(points[name]), "rank": rank})
    return {"method": method, "entries": rows}


def winners(result: Mapping[str, Any]) -> list[Label]:
    return [row["entry"] for row in result["entries"] if row["rank"] == 1]


def leave_one_judge_out(
    *,
    ballots: Mapping[Label, Sequence[Sequence[Label]]],
    entries: Sequence[Label],
    method: str,
) -> dict[str, Any]:
    """The ranking recomputed without each judge in turn: who would win then.

    ``{"winner": [...], "same": n, "variants": m, "changes": [{"judge", "winner"}]}``; with one
    judge or none there is nothing to leave out (``variants`` 0).
    """
    full = winners(rank_ballots(ballots=ballots, entries=entries, method=method))
    changes = []
    judges = sorted(ballots, key=label_key) if len(ballots) > 1 else []
    for judge in judges:
        rest = {j: b for j, b in ballots.items() if j != judge}
        found = winners(rank_ballots(ballots=rest, entries=entries, method=method))
        if found != full:
            changes.append({"judge": judge, "winner": found})
    return {
        "winner": full,
        "same": len(judges) - len(changes),
        "variants": len(judges),
        "changes": changes,
    }


def screening_shares(
    *, answers: Sequence[tuple[Label, str]], entries: Sequence[Label], threshold: float
) -> list[dict[str, Any]]:
    """Per entry the yes / maybe / no counts and the yes share (yes over all answers), best
    first (then more answers, then label); ``advances`` when the share reaches ``threshold``.
    An entry without answers has no share and does not advance."""
    counts = {e: {"yes": 0, "maybe": 0, "no": 0} for e in entries}
    for entry, answer in answers:
        counts.setdefault(entry, {"yes": 0, "maybe": 0, "no": 0})[answer] += 1
    rows = []
    for entry, c in counts.items():
        total = c["yes"] + c["maybe"] + c["no"]
        share = c["yes"] / total if total else None
        rows.append(
            {
                "entry": entry,
                **c,
                "answers": total,
                "yes_share": share,
                "advances": share is not None and share >= threshold - 1e-12,
            }
        )
    rows.sort(
        key=lambda r: (
            -(r["yes_share"] if r["yes_share"] is not None else -1.0),
            -r["answers"],
            label_key(r["entry"]),
        )
    )
    rank = 0
    for position, row in enumerate(rows):
        previous = rows[position - 1] if position else None
        if previous is None or previous["yes_share"] != row["yes_share"]:
            rank = position + 1
        row["rank"] = rank
    return rows


def plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)
