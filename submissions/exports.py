"""CSV exports that open safely in Excel and LibreOffice. Reusable by any app."""

import csv
from collections.abc import Iterable, Iterator

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def csv_cell_neutralise(value) -> str:
    """The value as text, with a leading `'` when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming csv rows."""

    def write(self, value):
        return value


def csv_stream(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines for `rows`, the first preceded by a byte order mark so Excel reads UTF-8;
    every cell neutralised. Feed it to a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow([csv_cell_neutralise(cell) for cell in row])
