"""Reading BALLOTS (``judge,entry,rank``) and PAIRS (``judge,winner,loser[,tie]``) files.

They are read like a SCORES file (:mod:`.csvio`): CSV or XLSX, UTF-8 (with or without a
byte-order mark), Windows-1252 or UTF-16, comma, semicolon or tab separated, a header row in
any order and case, extra columns ignored, blank lines skipped; every problem raises
:class:`~.csvio.ScoresFileError` naming the file and the line (``ballots.csv, line 4: rank
'x' is not a whole number``), the first in file order.

BALLOTS
    One row per ranked entry; ``rank`` is a whole number from 1 (best); equal ranks on one
    judge's ballot are ties; only the order of ranks matters (1, 1, 3 and 1, 1, 2 are the same
    ballot).  An entry a judge did not rank is absent; an entry ranked twice by one judge is an
    error.
PAIRS
    One row per comparison; ``tie`` (optional) is 1 for "equal" and 0 or empty otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .csvio import ScoresFileError, _open_table
from .file_formats import FileFormat, FileProblem, Source, text_rows
from .pairwise import Comparison
from .records import Label
from .score_reader import RowProblem, blank, offset_rows

BALLOT_COLUMNS = ("judge", "entry", "rank")
PAIR_COLUMNS = ("judge", "winner", "loser")
_TIE_VALUES = {"": False, "0": False, "1": True}


@dataclass(frozen=True, slots=True)
class Ballots:
    ballots: dict[Label, list[list[Label]]]
    """Per judge, their tiers best first (a tier of several entries is a tie)."""
    entries: tuple[Label, ...]
    """Every entry the file names, in file order."""
    format: FileFormat


@dataclass(frozen=True, slots=True)
class Pairs:
    comparisons: list[Comparison]
    format: FileFormat


def read_ballots(source: Source, *, name: str | None = None) -> Ballots:
    fmt, filename, rows = _rows(source, name, BALLOT_COLUMNS, ())
    ranks: dict[Label, dict[Label, int]] = {}
    seen: dict[tuple[Label, Label], int] = {}
    entries: dict[Label, None] = {}
    try:
        for line, values in rows:
            judge, entry = values["judge"], values["entry"]
            rank = _whole(values["rank"], line)
            if (judge, entry) in seen:
                raise RowProblem(
                    line,
                    f"judge {judge!r} ranks entry {entry!r} twice "
                    f"(first on line {seen[judge, entry]})",
                )
            seen[judge, entry] = line
            ranks.setdefault(judge, {})[entry] = rank
            entries[entry] = None
    except RowProblem as problem:
        raise ScoresFileError(problem.reason, filename=filename, line=problem.line) from None
    if not entries:
        raise ScoresFileError("no rankings after the header row", filename=filename)
    ballots = {judge: _tiers(given) for judge, given in ranks.items()}
    return Ballots(ballots=ballots, entries=tuple(entries), format=fmt)


def read_pairs(source: Source, *, name: str | None = None) -> Pairs:
    fmt, filename, rows = _rows(source, name, PAIR_COLUMNS, ("tie",))
    comparisons = []
    try:
        for line, values in rows:
            winner, loser = values["winner"], values["loser"]
            if winner == loser:
                raise RowProblem(line, f"entry {winner!r} is compared with itself")
            tie_text = values.get("tie", "")
            if tie_text not in _TIE_VALUES:
                raise RowProblem(line, f"tie {tie_text!r} must be 1 (a tie), 0 or empty")
            comparisons.append(
                Comparison(
                    winner=winner, loser=loser, tie=_TIE_VALUES[tie_text], judge=values["judge"]
                )
            )
    except RowProblem as problem:
        raise ScoresFileError(problem.reason, filename=filename, line=problem.line) from None
    if not comparisons:
        raise ScoresFileError("no comparisons after the header row", filename=filename)
    return Pairs(comparisons=comparisons, format=fmt)


def _rows(source, name, required, optional) -> tuple[FileFormat, str, Iterator]:
    (fmt, filename), _, positions, rows, body = _open_table(source, name, required, optional)
    if body is not None:
        text, start, first = body
        rows = offset_rows(text_rows(text[start:], fmt.delimiter), first - 1)

    def values() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for line, fields in rows:
                if blank(fields):
                    continue
                found = {}
                for column, position in positions.items():
                    if position >= len(fields):
                        if column in optional:
                            found[column] = ""
                            continue
                        raise RowProblem(line, f"missing value for {column!r}")
                    found[column] = fields[position].strip()
                    if column in required and not found[column]:
                        raise RowProblem(line, f"{column} is empty")
                yield line, found
        except FileProblem as problem:
            raise ScoresFileError(str(problem), filename=filename) from None

    return fmt, filename, values()


def _whole(text: str, line: int) -> int:
    try:
        value = float(text.replace(",", ".")) if "_" not in text else None
    except ValueError:
        value = None
    if value is None or not value.is_integer() or value < 1:
        raise RowProblem(line, f"rank {text!r} is not a whole number from 1 (best) up")
    return int(value)


def _tiers(given: dict[Label, int]) -> list[list[Label]]:
    levels: dict[int, list[Label]] = {}
    for entry, rank in given.items():
        levels.setdefault(rank, []).append(entry)
    return [levels[rank] for rank in sorted(levels)]
