"""Reading SCORES.csv and WEIGHTS.csv, with errors that name the file and the line.

SCORES.csv
    A header row with (at least) the columns ``entry,judge,criterion,score``, in any order and
    any case; extra columns are ignored.  One row per score; blank lines are skipped.

WEIGHTS.csv
    Columns ``criterion,weight`` and optionally ``min,max`` (the criterion's scale; an empty
    cell or a missing column means "take it from the observed scores", see
    :func:`~.inputs.resolve_criteria`).  Without a weights file every criterion weighs 1.

Every problem raises :class:`ScoresFileError` whose message reads like
``scores.csv, line 7: score 'abc' is not a number``.  Line numbers are physical lines of the
file (the header is line 1), as reported by the ``csv`` module, so they match what an editor
shows.  Files are read as UTF-8 (a byte-order mark is accepted).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from .inputs import Criterion, InputError, ScoreRow

SCORE_COLUMNS = ("entry", "judge", "criterion", "score")
WEIGHT_COLUMNS = ("criterion", "weight")
_ALIASES = {"minimum": "min", "maximum": "max"}

Source = str | os.PathLike[str] | TextIO


class ScoresFileError(InputError):
    """A problem with an input file; ``str()`` names the file and, when known, the line."""

    def __init__(self, reason: str, *, filename: str, line: int | None = None) -> None:
        super().__init__(reason, line=line)
        self.filename = filename
        self.args = (str(self),)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.filename}: {self.reason}"
        return f"{self.filename}, line {self.line}: {self.reason}"


def read_scores(
    source: Source,
    *,
    criteria: Sequence[Criterion] | None = None,
    name: str | None = None,
) -> list[ScoreRow]:
    """Read and validate a scores file.

    Besides the syntax of each row this checks, with the row's line number: duplicate
    ``entry/judge/criterion`` rows and - when ``criteria`` are given - criteria missing from
    the rubric and scores outside their criterion's scale.  The first problem in file order is
    reported.
    """
    rubric = {c.name: c for c in criteria} if criteria is not None else None
    with _open(source, name) as (stream, filename):
        reader = csv.reader(stream)
        columns = _header(reader, filename, SCORE_COLUMNS, optional=())
        i_entry, i_judge, i_crit, i_score = (columns[c] for c in SCORE_COLUMNS)
        width = max(columns.values()) + 1
        rows: list[ScoreRow] = []
        first_line: dict[tuple[str, str, str], int] = {}
        for fields in reader:
            line = reader.line_num
            # Fast path for a well-formed row; anything unusual goes to _bad_row for a message.
            if len(fields) >= width:
                entry = fields[i_entry].strip()
                judge = fields[i_judge].strip()
                criterion = fields[i_crit].strip()
                text = fields[i_score].strip()
                try:
                    score = float(text) if "_" not in text else math.nan
                except ValueError:
                    score = math.nan
                if entry and judge and criterion and math.isfinite(score):
                    key = (entry, judge, criterion)
                    if key in first_line:
                        raise ScoresFileError(
                            f"duplicate score for entry {entry!r}, judge {judge!r}, "
                            f"criterion {criterion!r} (first given on line {first_line[key]})",
                            filename=filename,
                            line=line,
                        )
                    first_line[key] = line
                    if rubric is not None:
                        _check_against_rubric(rubric, criterion, score, text, filename, line)
                    rows.append(ScoreRow(entry, judge, criterion, score, line))
                    continue
            if _blank(fields):
                continue
            _bad_row(fields, columns, filename, line)
        if not rows:
            raise ScoresFileError(
                "no scores after the header row", filename=filename, line=reader.line_num + 1
            )
    return rows


def _check_against_rubric(
    rubric: dict[str, Criterion],
    criterion: str,
    score: float,
    text: str,
    filename: str,
    line: int,
) -> None:
    found = rubric.get(criterion)
    if found is None:
        raise ScoresFileError(
            f"criterion {criterion!r} is not in the weights file", filename=filename, line=line
        )
    lo, hi = found.minimum, found.maximum
    if (lo is not None and score < lo) or (hi is not None and score > hi):
        raise ScoresFileError(
            f"score {text} for criterion {criterion!r} is outside its scale "
            f"{_fmt_bound(lo)}..{_fmt_bound(hi)}",
            filename=filename,
            line=line,
        )


def _bad_row(fields: list[str], columns: dict[str, int], filename: str, line: int) -> None:
    """Raise the precise error for a row that failed the fast path."""
    values = {col: _field(fields, pos, col, filename, line) for col, pos in columns.items()}
    for col in ("entry", "judge", "criterion"):
        if not values[col]:
            raise ScoresFileError(f"{col} is empty", filename=filename, line=line)
    _number(values["score"], "score", filename, line)
    raise AssertionError("unreachable: the row passed every check")  # pragma: no cover


def _fmt_bound(value: float | None) -> str:
    if value is None:
        return "(observed)"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_weights(source: Source, *, name: str | None = None) -> list[Criterion]:
    """Read a weights file into :class:`~.inputs.Criterion` records (file order)."""
    with _open(source, name) as (stream, filename):
        reader = csv.reader(stream)
        columns = _header(reader, filename, WEIGHT_COLUMNS, optional=("min", "max"))
        criteria: list[Criterion] = []
        first_line: dict[str, int] = {}
        for fields in reader:
            line = reader.line_num
            if _blank(fields):
                continue
            values = {}
            for col, pos in columns.items():
                if col in ("min", "max") and pos >= len(fields):
                    values[col] = ""  # a short row simply leaves the optional bound empty
                else:
                    values[col] = _field(fields, pos, col, filename, line)
            criterion = values["criterion"]
            if not criterion:
                raise ScoresFileError("criterion is empty", filename=filename, line=line)
            if criterion in first_line:
                raise ScoresFileError(
                    f"criterion {criterion!r} is listed twice (first on line "
                    f"{first_line[criterion]})",
                    filename=filename,
                    line=line,
                )
            weight = _number(values["weight"], "weight", filename, line)
            if weight <= 0:
                raise ScoresFileError(
                    f"weight {values['weight']!r} must be greater than 0",
                    filename=filename,
                    line=line,
                )
            bounds = {
                col: _number(values[col], col, filename, line) if values.get(col) else None
                for col in ("min", "max")
            }
            try:
                criteria.append(
                    Criterion(
                        name=criterion,
                        weight=weight,
                        minimum=bounds["min"],
                        maximum=bounds["max"],
                    )
                )
            except InputError as error:
                raise ScoresFileError(error.reason, filename=filename, line=line) from None
            first_line[criterion] = line
        if not criteria:
            raise ScoresFileError(
                "no criteria after the header row", filename=filename, line=reader.line_num + 1
            )
    return criteria


def load(
    scores: Source, weights: Source | None = None
) -> tuple[list[ScoreRow], list[Criterion] | None]:
    """Read the weights (if any), then the scores validated against them."""
    criteria = read_weights(weights) if weights is not None else None
    return read_scores(scores, criteria=criteria), criteria


@contextmanager
def _open(source: Source, name: str | None) -> Iterator[tuple[TextIO, str]]:
    if hasattr(source, "read"):
        filename = name or str(getattr(source, "name", "") or "<input>")
        with _decoding_errors(filename):
            yield source, filename  # type: ignore[misc]
        return
    filename = name or os.fspath(source)
    try:
        handle = open(source, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as error:
        raise ScoresFileError(
            f"cannot be opened ({error.strerror or error})", filename=filename
        ) from None
    with handle, _decoding_errors(filename):
        yield handle, filename


@contextmanager
def _decoding_errors(filename: str) -> Iterator[None]:
    try:
        yield
    except UnicodeDecodeError:
        raise ScoresFileError("is not UTF-8 text", filename=filename) from None
    except csv.Error as error:
        raise ScoresFileError(f"is not valid CSV ({error})", filename=filename) from None


def _header(
    reader: Any, filename: str, required: Sequence[str], *, optional: Sequence[str]
) -> dict[str, int]:
    header = next(reader, None)
    while header is not None and _blank(header):
        header = next(reader, None)
    expected = ", ".join(required)
    if header is None:
        raise ScoresFileError(
            f"the file is empty (expected a header row with columns {expected})",
            filename=filename,
            line=1,
        )
    line = reader.line_num
    names = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header]
    names = [_ALIASES.get(n, n) for n in names]
    positions: dict[str, int] = {}
    for pos, col in enumerate(names):
        if col in required or col in optional:
            if col in positions:
                raise ScoresFileError(
                    f"column {col!r} appears more than once in the header",
                    filename=filename,
                    line=line,
                )
            positions[col] = pos
    missing = [col for col in required if col not in positions]
    if missing:
        found = ", ".join(n for n in names if n) or "nothing"
        plural = "s" if len(missing) > 1 else ""
        raise ScoresFileError(
            f"missing required column{plural} {', '.join(repr(m) for m in missing)} "
            f"(the header has: {found}; expected {expected})",
            filename=filename,
            line=line,
        )
    return positions


def _field(fields: list[str], pos: int, column: str, filename: str, line: int) -> str:
    if pos >= len(fields):
        raise ScoresFileError(f"missing value for {column!r}", filename=filename, line=line)
    return fields[pos].strip()


def _number(text: str, what: str, filename: str, line: int) -> float:
    if not text:
        raise ScoresFileError(f"{what} is empty", filename=filename, line=line)
    try:
        if "_" in text:  # Python's float() accepts 1_000; a spreadsheet would not
            raise ValueError(text)
        value = float(text)
    except ValueError:
        raise ScoresFileError(
            f"{what} {text!r} is not a number", filename=filename, line=line
        ) from None
    if not math.isfinite(value):
        raise ScoresFileError(
            f"{what} {text!r} is not a finite number", filename=filename, line=line
        )
    return value


def _blank(fields: list[str]) -> bool:
    return not any(cell.strip() for cell in fields)
