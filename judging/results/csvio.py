"""Reading SCORES and WEIGHTS files (CSV or XLSX), with errors that name the file and the line.

SCORES
    A header row with (at least) the columns ``entry,judge,criterion,score``, in any order and
    any case; extra columns are ignored.  One row per score; blank lines are skipped.
WEIGHTS
    Columns ``criterion,weight`` and optionally ``min,max`` (the criterion's scale; an empty
    cell or a missing column means "take it from the observed scores", see
    :func:`~.weighting.resolve_criteria`).  Without a weights file every criterion weighs 1.

Encoding, separator, decimal mark and XLSX are detected (:mod:`.file_formats`) and reported.
Every problem raises :class:`ScoresFileError` whose message reads like
``scores.csv, line 7: score 'abc' is not a number``; line numbers are physical lines of the
file (the header is line 1), or row numbers of the sheet, so they match what an editor shows.
Of several problems the first in file order is reported.

Speed.  A CSV without quotes is read in blocks of lines: each block is split with ``str.split``
and its columns taken by slicing, labels coded through dicts and scores parsed with ``map``,
so no Python code runs per row; a block with anything unusual (a blank or short row, a quoted
field, a bad score) is read again row by row with the ``csv`` module, which finds the precise
message.  150,000 rows take well under 0.3 s and memory stays near twice the file's size
(``benchmarks/bench_reading.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .columns import ScoreColumns
from .file_formats import (
    FileFormat,
    FileProblem,
    Source,
    choose_delimiter,
    read_source,
    sniff,
    text_rows,
    xlsx_rows,
)
from .records import Criterion, InputError, ScoreRow, _fmt

SCORE_COLUMNS = ("entry", "judge", "criterion", "score")
WEIGHT_COLUMNS = ("criterion", "weight")
_ALIASES = {"minimum": "min", "maximum": "max"}
_BLOCK_CHARS = 1 << 18  # characters of CSV text split at once (about 6,000 rows)


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


class _RowProblem(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


@dataclass(frozen=True, eq=False)
class ScoresFile:
    columns: ScoreColumns
    format: FileFormat


def read_score_columns(
    source: Source, *, criteria: Sequence[Criterion] | None = None, name: str | None = None
) -> ScoresFile:
    """Read and validate a scores file into columns (see the module docstring).

    Checks, with the row's line number: each row's syntax, duplicate ``entry/judge/criterion``
    rows and - when ``criteria`` are given - criteria missing from the rubric and scores
    outside their criterion's scale.
    """
    fmt, width, positions, rows, body = _open_table(source, name, SCORE_COLUMNS, ())
    filename = fmt[1]
    builder = _ScoreBuilder(positions, width)
    try:
        if body is not None:
            builder.read_text(*body, fmt[0].delimiter)
        else:
            builder.read_rows(rows)
    except _RowProblem as problem:
        builder.problem = problem
    except FileProblem as problem:
        raise ScoresFileError(str(problem), filename=filename) from None
    columns = builder.columns()
    problems = [builder.problem] if builder.problem else []
    problems += _duplicates(columns)
    if criteria is not None:
        problems += _against_rubric(columns, criteria)
    if problems:
        first = min(problems, key=lambda p: p.line)
        raise ScoresFileError(first.reason, filename=filename, line=first.line)
    if not len(columns):
        raise ScoresFileError(
            "no scores after the header row", filename=filename, line=builder.last_line + 1
        )
    return ScoresFile(columns=columns, format=fmt[0].with_decimal(builder.decimal))


def read_scores(
    source: Source, *, criteria: Sequence[Criterion] | None = None, name: str | None = None
) -> list[ScoreRow]:
    """Read and validate a scores file into :class:`~.records.ScoreRow` records."""
    return read_score_columns(source, criteria=criteria, name=name).columns.rows()


def read_weights_file(
    source: Source, *, name: str | None = None
) -> tuple[list[Criterion], FileFormat]:
    """Read a weights file into :class:`~.records.Criterion` records (file order)."""
    fmt, _, columns, rows, body = _open_table(source, name, WEIGHT_COLUMNS, ("min", "max"))
    filename = fmt[1]
    if body is not None:
        text, start, first = body
        rows = _offset_rows(text_rows(text[start:], fmt[0].delimiter), first - 1)
    criteria: list[Criterion] = []
    first_line: dict[str, int] = {}
    last = 1
    try:
        for line, fields in rows:
            last = line if fields else last
            if _blank(fields):
                continue
            criteria.append(_criterion(fields, columns, line, first_line))
    except _RowProblem as problem:
        raise ScoresFileError(problem.reason, filename=filename, line=problem.line) from None
    except FileProblem as problem:
        raise ScoresFileError(str(problem), filename=filename) from None
    if not criteria:
        raise ScoresFileError("no criteria after the header row", filename=filename, line=last + 1)
    return criteria, fmt[0]


def read_weights(source: Source, *, name: str | None = None) -> list[Criterion]:
    return read_weights_file(source, name=name)[0]


def load(
    scores: Source, weights: Source | None = None
) -> tuple[list[ScoreRow], list[Criterion] | None]:
    """Read the weights (if any), then the scores validated against them."""
    columns, criteria, _ = load_files(scores, weights)
    return columns.rows(), criteria


def load_files(
    scores: Source, weights: Source | None = None
) -> tuple[ScoreColumns, list[Criterion] | None, dict[str, FileFormat]]:
    """As :func:`load`, in columnar form, with the detected format of each file."""
    formats = {}
    criteria = None
    if weights is not None:
        criteria, formats["weights"] = read_weights_file(weights)
    read = read_score_columns(scores, criteria=criteria)
    formats["scores"] = read.format
    return read.columns, criteria, formats


def _open_table(source: Source, name: str | None, required: Sequence[str], optional: Sequence[str]):
    """Detect the format and read the header.

    Returns ``((format, filename), header width, column positions, rows, body)``: ``rows``
    iterates an XLSX sheet (else ``None``); ``body`` is ``(CSV text, where the rows start,
    their first line)`` (else ``None``).
    """
    filename = name or (str(source) if not hasattr(source, "read") else None)
    try:
        data, given = read_source(source)
        filename = filename or str(given or "<input>")
        fmt, content = sniff(data)
        del data  # the decoded text replaces the bytes
    except FileProblem as problem:
        raise ScoresFileError(str(problem), filename=filename or "<input>") from None
    if fmt.kind == "xlsx":
        try:
            sheet, rows = xlsx_rows(content)
        except FileProblem as problem:
            raise ScoresFileError(str(problem), filename=filename) from None
        fmt = replace(fmt, sheet=sheet)
        header = next(((line, cells) for line, cells in rows if not _blank(cells)), None)
        positions = _header(header, filename, required, optional)
        return (fmt, filename), len(header[1]), positions, rows, None
    text = content
    pos, line = 0, 1
    while True:
        end = text.find("\n", pos)
        current = text[pos:] if end < 0 else text[pos:end]
        if current.strip() or end < 0:
            break
        pos, line = end + 1, line + 1
    delimiter = choose_delimiter(current.rstrip("\r"), required, _ALIASES)
    fmt = replace(fmt, delimiter=delimiter)
    header_rows = text_rows(current.rstrip("\r"), delimiter)
    header = next(((line, cells) for _, cells in header_rows if not _blank(cells)), None)
    positions = _header(header, filename, required, optional)
    # The body is passed as (text, offset) rather than sliced off, which would copy the file.
    start = len(text) if end < 0 else end + 1
    return (fmt, filename), len(header[1]), positions, None, (text, start, line + 1)


class _ScoreBuilder:
    """Collects score rows as codes, block by block (fast) or row by row (exact messages)."""

    def __init__(self, positions: dict[str, int], header_width: int) -> None:
        self.positions = positions
        self.header_width = header_width
        self.index = tuple(positions[c] for c in SCORE_COLUMNS)
        self.width = max(positions.values()) + 1
        self.codes: tuple[dict, dict, dict] = ({}, {}, {})
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.decimal: str | None = None
        self.problem: _RowProblem | None = None
        self.last_line = 1

    def read_text(self, body: str, pos: int, first_line: int, delimiter: str) -> None:
        line = first_line
        while pos < len(body):
            end = body.find("\n", pos + _BLOCK_CHARS)
            block = body[pos:] if end < 0 else body[pos:end]
            pos = len(body) if end < 0 else end + 1
            if "\r" in block:
                block = block.replace("\r\n", "\n")  # Windows line ends
            lines = block.split("\n")
            if not self._fast_block(lines, line, delimiter):
                self.read_rows(_offset_rows(text_rows(block, delimiter), line - 1))
            line += len(lines)
            self.last_line = line - 1

    def _fast_block(self, lines: list[str], first_line: int, delimiter: str) -> bool:
        """Take a block of well-formed rows in one go; False sends it row by row."""
        n_fields = self.header_width
        if lines and lines[-1] == "":
            lines = lines[:-1]  # the newline ending the last row
        joined = delimiter.join(lines)
        if not lines or '"' in joined or "\r" in joined:
            return False
        per_line = list(map(str.count, lines, [delimiter] * len(lines)))
        if per_line.count(n_fields - 1) != len(lines):
            return False
        fields = joined.split(delimiter)
        cols = [list(map(str.strip, fields[p::n_fields])) for p in self.index]
        if any("" in col for col in cols):
            return False
        texts = cols[3]
        all_text = "".join(texts)
        if "_" in all_text:
            return False
        comma, point = "," in all_text, "." in all_text
        if comma and (point or self.decimal == "."):
            return False
        if point and self.decimal == ",":
            return False
        if comma:
            texts = [t.replace(",", ".") for t in texts]
        try:
            scores = np.fromiter(map(float, texts), float, len(texts))
        except ValueError:
            return False
        if not np.isfinite(scores).all():
            return False
        self.decimal = "," if comma else ("." if point else self.decimal)
        codes = [self._code(k, col) for k, col in enumerate(cols[:3])]
        lines_no = np.arange(first_line, first_line + len(lines), dtype=np.int32)
        self.parts.append((*codes, scores, lines_no))
        return True

    def _code(self, k: int, col: list[str]) -> np.ndarray:
        table = self.codes[k]
        for label in dict.fromkeys(col):
            table.setdefault(label, len(table))
        return np.fromiter(map(table.__getitem__, col), np.int32, len(col))

    def read_rows(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        """Row by row, stopping at the first bad row (raised as :class:`_RowProblem`)."""
        got: list[tuple[int, int, int, float, int]] = []
        try:
            for line, fields in rows:
                self.last_line = line
                if not _blank(fields):
                    got.append(self._row(fields, line))
        finally:
            if got:
                e, j, c, x, n = zip(*got, strict=True)
                self.parts.append(
                    (
                        np.array(e, np.int32),
                        np.array(j, np.int32),
                        np.array(c, np.int32),
                        np.array(x, float),
                        np.array(n, np.int32),
                    )
                )

    def _row(self, fields: list[str], line: int) -> tuple[int, int, int, float, int]:
        values = {}
        for col, pos in self.positions.items():
            if pos >= len(fields):
                raise _RowProblem(line, f"missing value for {col!r}")
            values[col] = fields[pos].strip()
        for col in ("entry", "judge", "criterion"):
            if not values[col]:
                raise _RowProblem(line, f"{col} is empty")
        score = self._score(values["score"], line)
        codes = [
            self.codes[k].setdefault(values[col], len(self.codes[k]))
            for k, col in enumerate(("entry", "judge", "criterion"))
        ]
        return (*codes, score, line)

    def _score(self, text: str, line: int) -> float:
        if "," in text:
            if self.decimal == "." or "." in text:
                raise _RowProblem(
                    line, f"score {text!r} has a decimal comma but other scores a decimal point"
                )
            self.decimal = ","
            value = _number(text.replace(",", "."), "score", line, shown=text)
        else:
            if "." in text and self.decimal == ",":
                raise _RowProblem(
                    line, f"score {text!r} has a decimal point but other scores a decimal comma"
                )
            value = _number(text, "score", line)
            if "." in text:
                self.decimal = "."
        return value

    def columns(self) -> ScoreColumns:
        if self.parts:
            e, j, c, x, n = (np.concatenate(p) for p in zip(*self.parts, strict=True))
        else:
            e = j = c = n = np.zeros(0, np.int32)
            x = np.zeros(0)
        return ScoreColumns(
            entries=tuple(self.codes[0]),
            judges=tuple(self.codes[1]),
            criteria=tuple(self.codes[2]),
            entry_codes=e,
            judge_codes=j,
            criterion_codes=c,
            scores=x,
            lines=n,
        )


def _duplicates(columns: ScoreColumns) -> list[_RowProblem]:
    if len(columns) < 2:
        return []
    n_j, n_c = max(len(columns.judges), 1), max(len(columns.criteria), 1)
    key = (columns.entry_codes.astype(np.int64) * n_j + columns.judge_codes) * n_c
    key += columns.criterion_codes
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    dup = np.flatnonzero(sorted_key[1:] == sorted_key[:-1])
    if not len(dup):
        return []
    later = order[dup + 1]
    pick = int(np.argmin(columns.lines[later]))
    row = columns.row(int(later[pick]))
    first = int(order[np.searchsorted(sorted_key, sorted_key[dup[pick]], side="left")])
    return [
        _RowProblem(
            row.line,
            f"duplicate score for entry {row.entry!r}, judge {row.judge!r}, "
            f"criterion {row.criterion!r} (first given on line {columns.line(first)})",
        )
    ]


def _against_rubric(columns: ScoreColumns, criteria: Sequence[Criterion]) -> list[_RowProblem]:
    rubric = {c.name: c for c in criteria}
    out = []
    known = np.array([name in rubric for name in columns.criteria], dtype=bool)
    unknown = ~known[columns.criterion_codes] if len(columns) else np.zeros(0, bool)
    if unknown.any():
        row = columns.row(int(np.flatnonzero(unknown)[0]))
        out.append(_RowProblem(row.line, f"criterion {row.criterion!r} is not in the weights file"))
    inf = math.inf
    lows = np.array([_bound(rubric.get(n), "minimum", -inf) for n in columns.criteria])
    highs = np.array([_bound(rubric.get(n), "maximum", inf) for n in columns.criteria])
    if len(columns):
        c = columns.criterion_codes
        outside = (columns.scores < lows[c]) | (columns.scores > highs[c])
        if outside.any():
            row = columns.row(int(np.flatnonzero(outside)[0]))
            cr = rubric[row.criterion]
            out.append(
                _RowProblem(
                    row.line,
                    f"score {_fmt(row.score)} for criterion {row.criterion!r} is outside its "
                    f"scale {_fmt_bound(cr.minimum)}..{_fmt_bound(cr.maximum)}",
                )
            )
    return out


def _bound(criterion: Criterion | None, attr: str, default: float) -> float:
    value = None if criterion is None else getattr(criterion, attr)
    return default if value is None else float(value)


def _criterion(
    fields: list[str], columns: dict[str, int], line: int, first_line: dict[str, int]
) -> Criterion:
    values = {}
    for col, pos in columns.items():
        if pos >= len(fields):
            if col in ("min", "max"):
                values[col] = ""  # a short row simply leaves the optional bound empty
                continue
            raise _RowProblem(line, f"missing value for {col!r}")
        values[col] = fields[pos].strip()
    name = values["criterion"]
    if not name:
        raise _RowProblem(line, "criterion is empty")
    if name in first_line:
        raise _RowProblem(
            line, f"criterion {name!r} is listed twice (first on line {first_line[name]})"
        )
    weight = _number(values["weight"], "weight", line, decimal_comma=True)
    if weight <= 0:
        raise _RowProblem(line, f"weight {values['weight']!r} must be greater than 0")
    bounds = {
        col: _number(values[col], col, line, decimal_comma=True) if values.get(col) else None
        for col in ("min", "max")
    }
    try:
        found = Criterion(name=name, weight=weight, minimum=bounds["min"], maximum=bounds["max"])
    except InputError as error:
        raise _RowProblem(line, error.reason) from None
    first_line[name] = line
    return found


def _header(
    header: tuple[int, list[str]] | None,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str],
) -> dict[str, int]:
    expected = ", ".join(required)
    if header is None:
        raise ScoresFileError(
            f"the file is empty (expected a header row with columns {expected})",
            filename=filename,
            line=1,
        )
    line, cells = header
    names = [
        _ALIASES.get(n, n) for n in (c.strip().lstrip("\ufeff").strip().lower() for c in cells)
    ]
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


def _offset_rows(rows: Iterator[tuple[int, list[str]]], offset: int):
    for line, fields in rows:
        yield line + offset, fields


def _number(
    text: str, what: str, line: int, *, shown: str | None = None, decimal_comma: bool = False
) -> float:
    shown = text if shown is None else shown
    if not text:
        raise _RowProblem(line, f"{what} is empty")
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        if "_" in text:  # Python's float() accepts 1_000; a spreadsheet would not
            raise ValueError(text)
        value = float(text)
    except ValueError:
        raise _RowProblem(line, f"{what} {shown!r} is not a number") from None
    if not math.isfinite(value):
        raise _RowProblem(line, f"{what} {shown!r} is not a finite number")
    return value


def _fmt_bound(value: float | None) -> str:
    if value is None:
        return "(observed)"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _blank(fields: list[str]) -> bool:
    return not any(cell.strip() for cell in fields)
