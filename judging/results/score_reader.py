"""The rows of a scores file into :class:`~.columns.ScoreColumns`, fast, with exact messages.

A CSV without quotes is read in blocks of lines: each block is split with ``str.split`` and its
columns taken by slicing, labels coded through dicts and scores parsed with ``map``, so no
Python code runs per row; a block with anything unusual (a blank or short row, a quoted field,
a bad score) is read again row by row with the ``csv`` module, which finds the precise message
(:class:`RowProblem`).  Duplicates and the rubric are then checked on the whole columns at
once (:func:`duplicates`, :func:`against_rubric`), and the reader reports the problem on the
earliest line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np

from .columns import ScoreColumns
from .file_formats import text_rows
from .records import Criterion, _fmt

SCORE_COLUMNS = ("entry", "judge", "criterion", "score")
_BLOCK_CHARS = 1 << 18  # characters of CSV text split at once (about 6,000 rows)


class RowProblem(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


class ScoreBuilder:
    """Collects score rows as codes, block by block (fast) or row by row (exact messages)."""

    def __init__(self, positions: dict[str, int], header_width: int) -> None:
        self.positions = positions
        self.header_width = header_width
        self.index = tuple(positions[c] for c in SCORE_COLUMNS)
        self.width = max(positions.values()) + 1
        self.codes: tuple[dict, dict, dict] = ({}, {}, {})
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.decimal: str | None = None
        self.problem: RowProblem | None = None
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
                self.read_rows(offset_rows(text_rows(block, delimiter), line - 1))
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
        """Row by row, stopping at the first bad row (raised as :class:`RowProblem`)."""
        got: list[tuple[int, int, int, float, int]] = []
        try:
            for line, fields in rows:
                self.last_line = line
                if not blank(fields):
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
                raise RowProblem(line, f"missing value for {col!r}")
            values[col] = fields[pos].strip()
        for col in ("entry", "judge", "criterion"):
            if not values[col]:
                raise RowProblem(line, f"{col} is empty")
        score = self._score(values["score"], line)
        codes = [
            self.codes[k].setdefault(values[col], len(self.codes[k]))
            for k, col in enumerate(("entry", "judge", "criterion"))
        ]
        return (*codes, score, line)

    def _score(self, text: str, line: int) -> float:
        if "," in text:
            if self.decimal == "." or "." in text:
                raise RowProblem(
                    line, f"score {text!r} has a decimal comma but other scores a decimal point"
                )
            self.decimal = ","
            value = number(text.replace(",", "."), "score", line, shown=text)
        else:
            if "." in text and self.decimal == ",":
                raise RowProblem(
                    line, f"score {text!r} has a decimal point but other scores a decimal comma"
                )
            value = number(text, "score", line)
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


def duplicates(columns: ScoreColumns) -> list[RowProblem]:
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
        RowProblem(
            row.line,
            f"duplicate score for entry {row.entry!r}, judge {row.judge!r}, "
            f"criterion {row.criterion!r} (first given on line {columns.line(first)})",
        )
    ]


def against_rubric(columns: ScoreColumns, criteria: Sequence[Criterion]) -> list[RowProblem]:
    rubric = {c.name: c for c in criteria}
    out = []
    known = np.array([name in rubric for name in columns.criteria], dtype=bool)
    unknown = ~known[columns.criterion_codes] if len(columns) else np.zeros(0, bool)
    if unknown.any():
        row = columns.row(int(np.flatnonzero(unknown)[0]))
        out.append(RowProblem(row.line, f"criterion {row.criterion!r} is not in the weights file"))
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
                RowProblem(
                    row.line,
                    f"score {_fmt(row.score)} for criterion {row.criterion!r} is outside its "
                    f"scale {_fmt_bound(cr.minimum)}..{_fmt_bound(cr.maximum)}",
                )
            )
    return out


def _bound(criterion: Criterion | None, attr: str, default: float) -> float:
    value = None if criterion is None else getattr(criterion, attr)
    return default if value is None else float(value)


def offset_rows(rows: Iterator[tuple[int, list[str]]], offset: int):
    for line, fields in rows:
        yield line + offset, fields


def number(
    text: str, what: str, line: int, *, shown: str | None = None, decimal_comma: bool = False
) -> float:
    shown = text if shown is None else shown
    if not text:
        raise RowProblem(line, f"{what} is empty")
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        if "_" in text:  # Python's float() accepts 1_000; a spreadsheet would not
            raise ValueError(text)
        value = float(text)
    except ValueError:
        raise RowProblem(line, f"{what} {shown!r} is not a number") from None
    if not math.isfinite(value):
        raise RowProblem(line, f"{what} {shown!r} is not a finite number")
    return value


def _fmt_bound(value: float | None) -> str:
    if value is None:
        return "(observed)"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def blank(fields: list[str]) -> bool:
    return not any(cell.strip() for cell in fields)
