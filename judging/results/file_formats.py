"""Spreadsheets as people have them: what kind of file, which encoding, which separator.

* XLSX is recognised by its content (a ZIP archive, ``PK\\x03\\x04``) whatever the file is
  called, and read with openpyxl in read-only mode (the first sheet; numbers stay numbers);
  an old binary ``.xls`` (an OLE2 file) is refused with a message saying so.
* CSV text is decoded as UTF-8 (a byte-order mark is accepted and reported), else as
  Windows-1252 - the "ANSI" of Excel on Western European Windows, a superset of Latin-1's
  printable characters - and as UTF-16 when it starts with a UTF-16 byte-order mark (Excel's
  "Unicode text").
* The separator is the one of comma, semicolon and tab that makes the header row contain the
  required columns (a Swedish Excel writes semicolons because the comma is its decimal mark);
  the decimal mark is a comma when some score contains a comma and none a point.

What was detected is reported (:meth:`FileFormat.describe`), e.g. "read as Windows-1252,
semicolon-separated, decimal comma".
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TextIO

Source = str | os.PathLike[str] | TextIO
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileProblem(Exception):
    """A problem with a whole file (no line); the reader adds the file name."""


@dataclass(frozen=True, slots=True)
class FileFormat:
    kind: str
    """``"csv"`` or ``"xlsx"``."""
    encoding: str | None = None
    bom: bool = False
    delimiter: str | None = None
    decimal: str | None = None
    """``"."``, ``","``, or ``None`` when no score has a decimal part."""
    sheet: str | None = None

    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"read as XLSX, sheet {self.sheet!r}"
        parts = [
            {"utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16", "text": "text"}.get(
                self.encoding or "text", self.encoding or "text"
            )
            + (" with byte-order mark" if self.bom else ""),
            _DELIMITER_NAMES.get(self.delimiter or ",", "comma-separated"),
        ]
        if self.decimal:
            parts.append("decimal comma" if self.decimal == "," else "decimal point")
        return "read as " + ", ".join(parts)

    def is_plain(self) -> bool:
        """UTF-8 without BOM, comma-separated, decimal point: nothing worth reporting."""
        return (
            self.kind == "csv"
            and self.encoding in ("utf-8", "text")
            and not self.bom
            and self.delimiter == ","
            and self.decimal != ","
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.kind,
            "encoding": self.encoding,
            "byte_order_mark": self.bom,
            "delimiter": self.delimiter,
            "decimal": self.decimal,
            "sheet": self.sheet,
            "description": self.describe(),
        }

    def with_decimal(self, decimal: str | None) -> FileFormat:
        return replace(self, decimal=decimal)


def read_source(source: Source) -> tuple[str | bytes, str | None]:
    """The file's content (bytes from a path or binary stream, str from a text stream)."""
    if hasattr(source, "read"):
        data = source.read()
        return data, getattr(source, "name", None)
    try:
        with open(source, "rb") as handle:
            return handle.read(), os.fspath(source)
    except IsADirectoryError:
        raise FileProblem("is a folder, not a file") from None
    except OSError as error:
        raise FileProblem(f"cannot be opened ({error.strerror or error})") from None


def sniff(data: str | bytes) -> tuple[FileFormat, str | bytes]:
    """The file's kind and encoding, and its text (or its bytes, for XLSX)."""
    if isinstance(data, str):
        text = data[1:] if data.startswith("\ufeff") else data
        return FileFormat(kind="csv", encoding="text", bom=text is not data), text
    if data.startswith(_ZIP):
        return FileFormat(kind="xlsx"), data
    if data.startswith(_OLE2):
        raise FileProblem("is an old Excel .xls file; save it as .xlsx or as CSV")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return FileFormat(kind="csv", encoding="utf-16", bom=True), data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileProblem("is not valid UTF-16 text") from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as error:
            raise FileProblem(f"is not UTF-8 text despite its byte-order mark ({error})") from None
        return FileFormat(kind="csv", encoding="utf-8", bom=True), text
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            byte = data[error.start]
            line = data.count(b"\n", 0, error.start) + 1
            raise FileProblem(
                f"is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02x} on line {line})"
            ) from None
    if "\x00" in text:
        raise FileProblem("is not a text file (it contains NUL bytes)")
    return FileFormat(kind="csv", encoding=encoding), text


def choose_delimiter(header_line: str, required: Sequence[str], aliases: dict) -> str:
    """The separator whose split of the header has the most required columns (ties: comma)."""

    def found(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        names = {aliases.get(c.strip().lower(), c.strip().lower()) for c in cells}
        return (sum(1 for col in required if col in names), len(cells))

    return max(DELIMITERS, key=lambda d: (found(d), d == ","))


def text_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """``(physical line, fields)`` of every CSV row, quotes and all, via the csv module."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileProblem(f"is not valid CSV ({error})") from None


def xlsx_rows(data: bytes) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """The first sheet's name and its ``(row number, cells as text)``."""
    from openpyxl import load_workbook  # only XLSX needs it; CSV runs stay import-light

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged archive
        raise FileProblem(f"is not a readable XLSX workbook ({type(error).__name__})") from None
    sheet = workbook.worksheets[0]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in values]
        finally:
            workbook.close()

    return sheet.title, rows()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # an entry number typed as 101 is stored as 101.0
    if isinstance(value, float):
        return repr(value)
    return str(value)
