"""CSV and XLSX downloads of a round's results and scores.

Text cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
`'` (`submissions.exports.csv_cell_neutralise`); numbers stay numbers, so a negative offset is
not mistaken for a formula.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

from submissions.exports import BOM, csv_cell_neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_neutralise(value):
    """A value safe to put in a spreadsheet cell: numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, Decimal)):
        return value
    return csv_cell_neutralise(value)


def _csv_text(value) -> str:
    value = cell_neutralise(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def csv_bytes(*, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 CSV with a byte order mark, so Excel reads accents right."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([_csv_text(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(*, sheet: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append([cell_neutralise(cell) for cell in header])
    for row in rows:
        worksheet.append([cell_neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_response(*, filename: str, fmt: str, sheet: str, header, rows) -> HttpResponse:
    """The table as a CSV or XLSX attachment named `filename`.<fmt>."""
    if fmt == "xlsx":
        content, content_type = xlsx_bytes(sheet=sheet, header=header, rows=rows), XLSX_TYPE
    else:
        content, content_type = csv_bytes(header=header, rows=rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
