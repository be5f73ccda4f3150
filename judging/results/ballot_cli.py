"""``analyse_rankings`` and ``analyse_pairs``: rankings and comparisons collected elsewhere.

``analyse_rankings BALLOTS --method borda|schulze [--format json|csv|table]`` and
``analyse_pairs PAIRS [--format json|csv|table]``; files as :mod:`.ballot_files` reads them.
Bad input raises :class:`~.cli.BadInput` (exit status 2 in the commands).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from .ballot_files import read_ballots, read_pairs
from .ballot_ranking import plain, rank_ballots
from .cli import BadInput
from .csvio import ScoresFileError
from .pairwise import bradley_terry
from .records import InputError

FORMATS = ("json", "csv", "table")


def fit_pairs(comparisons) -> dict[str, Any]:
    fit = bradley_terry(comparisons=comparisons)
    return {
        "method": "bradley-terry",
        "entries": [
            {
                "entry": e.entry,
                "ability": round(e.ability, 12) + 0.0,
                "ability_sd": round(e.ability_sd, 12),
                "rank": e.rank,
                "wins": plain(e.wins),
                "comparisons": e.comparisons,
            }
            for e in fit.entries
        ],
        "regularised": fit.regularised,
    }


def run_rankings(*, ballots: str, method: str, fmt: str, stdout: TextIO, stderr=None) -> None:
    try:
        read = read_ballots(ballots)
        result = rank_ballots(ballots=read.ballots, entries=read.entries, method=method)
    except ScoresFileError as error:
        raise BadInput(str(error)) from error
    except (InputError, ValueError) as error:
        raise BadInput(f"{ballots}: {error}") from error
    _note(read.format, ballots, stderr)
    stdout.write(render(result, fmt=fmt, columns=("rank", "entry", "points")))


def run_pairs(*, pairs: str, fmt: str, stdout: TextIO, stderr=None) -> None:
    try:
        read = read_pairs(pairs)
        result = fit_pairs(read.comparisons)
    except ScoresFileError as error:
        raise BadInput(str(error)) from error
    except (InputError, ValueError) as error:
        raise BadInput(f"{pairs}: {error}") from error
    _note(read.format, pairs, stderr)
    if stderr is not None and result["regularised"]:
        stderr.write(
            f"note: {pairs}: some entries never lost (or never won) against the rest, so the "
            "abilities are shrunk towards 0 by a weak prior (SD 3.2)\n"
        )
    del result["regularised"]
    columns = ("rank", "entry", "ability", "ability_sd", "wins", "comparisons")
    stdout.write(render(result, fmt=fmt, columns=columns))


def render(result: Mapping[str, Any], *, fmt: str, columns: Sequence[str]) -> str:
    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in result["entries"]:
            writer.writerow([_cell(row[c]) for c in columns])
        return out.getvalue()
    if fmt != "table":
        raise BadInput(f"unknown format {fmt!r}")
    cells = [[_cell(row[c], table=True) for c in columns] for row in result["entries"]]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    text = [f"Method: {result['method']}", ""]
    for row in [list(columns), ["-" * w for w in widths], *cells]:
        text.append(
            "  ".join(
                cell.ljust(widths[i]) if columns[i] == "entry" else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            ).rstrip()
        )
    return "\n".join(text) + "\n"


def _note(fmt, name: str, stderr) -> None:
    if stderr is not None and not fmt.is_plain():
        stderr.write(f"note: {name}: {fmt.describe()}\n")


def _cell(value: Any, *, table: bool = False) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if table else repr(value)
    return str(value)
