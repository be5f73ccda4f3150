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

Speed: :mod:`.score_reader`; 150,000 rows take well under 0.3 s and memory stays near twice
the file's size (``benchmarks/bench_reading.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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
from .records import Criterion, InputError, ScoreRow
from .score_reader import (
    SCORE_COLUMNS,
    RowProblem,
    ScoreBuilder,
    against_rubric,
    blank,
    duplicates,
    number,
    offset_rows,
)

WEIGHT_COLUMNS = ("criterion", "weight")
_ALIASES = {"minimum": "min", "maximum": "max"}


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
    builder = ScoreBuilder(positions, width)
    try:
        if body is not None:
            builder.read_text(*body, fmt[0].delimiter)
        else:
            builder.read_rows(rows)
    except RowProblem as problem:
        builder.problem = problem
    except FileProblem as problem:
        raise ScoresFileError(str(problem), filename=filename) from None
    columns = builder.columns()
    problems = [builder.problem] if builder.problem else []
    problems += duplicates(columns)
    if criteria is not None:
        problems += against_rubric(columns, criteria)
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
        rows = offset_rows(text_rows(text[start:], fmt[0].delimiter), first - 1)
    criteria: list[Criterion] = []
    first_line: dict[str, int] = {}
    last = 1
    try:
        for line, fields in rows:
            last = line if fields else last
            if blank(fields):
                continue
            criteria.append(_criterion(fields, columns, line, first_line))
    except RowProblem as problem:
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
        header = next(((line, cells) for line, cells in rows if not blank(cells)), None)
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
    header = next(((line, cells) for _, cells in header_rows if not blank(cells)), None)
    positions = _header(header, filename, required, optional)
    # The body is passed as (text, offset) rather than sliced off, which would copy the file.
    start = len(text) if end < 0 else end + 1
    return (fmt, filename), len(header[1]), positions, None, (text, start, line + 1)


def _criterion(
    fields: list[str], columns: dict[str, int], line: int, first_line: dict[str, int]
) -> Criterion:
    values = {}
    for col, pos in columns.items():
        if pos >= len(fields):
            if col in ("min", "max"):
                values[col] = ""  # a short row simply leaves the optional bound empty
                continue
            raise RowProblem(line, f"missing value for {col!r}")
        values[col] = fields[pos].strip()
    name = values["criterion"]
    if not name:
        raise RowProblem(line, "criterion is empty")
    if name in first_line:
        raise RowProblem(
            line, f"criterion {name!r} is listed twice (first on line {first_line[name]})"
        )
    weight = number(values["weight"], "weight", line, decimal_comma=True)
    if weight <= 0:
        raise RowProblem(line, f"weight {values['weight']!r} must be greater than 0")
    bounds = {
        col: number(values[col], col, line, decimal_comma=True) if values.get(col) else None
        for col in ("min", "max")
    }
    try:
        found = Criterion(name=name, weight=weight, minimum=bounds["min"], maximum=bounds["max"])
    except InputError as error:
        raise RowProblem(line, error.reason) from None
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
