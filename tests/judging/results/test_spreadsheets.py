"""Spreadsheets as people have them (issue 14): encodings, separators, decimal marks, XLSX."""

import codecs
import io

import pytest
from openpyxl import Workbook

from judging.results.csvio import ScoresFileError, read_score_columns, read_weights
from judging.results.records import Criterion, ScoreRow

ROWS = [("E1", "Jöns", "idé", "7,5"), ("E1", "Åsa", "idé", "8"), ("E2", "Jöns", "idé", "6,25")]
EXPECTED = [
    ScoreRow("E1", "Jöns", "idé", 7.5, line=2),
    ScoreRow("E1", "Åsa", "idé", 8.0, line=3),
    ScoreRow("E2", "Jöns", "idé", 6.25, line=4),
]


def _swedish_csv(encoding="utf-8", bom=True, line_end="\r\n"):
    text = "entry;judge;criterion;score" + line_end
    text += "".join(";".join(row) + line_end for row in ROWS)
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 if bom else b"") + data


def test_swedish_excel_export_bom_semicolons_decimal_commas(tmp_path):
    path = tmp_path / "poäng.csv"
    path.write_bytes(_swedish_csv())
    read = read_score_columns(path)
    assert read.columns.rows() == EXPECTED
    assert read.format.describe() == (
        "read as UTF-8 with byte-order mark, semicolon-separated, decimal comma"
    )


def test_windows_1252_semicolon_file(tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes(_swedish_csv(encoding="cp1252", bom=False))
    read = read_score_columns(path)
    assert read.columns.rows() == EXPECTED
    assert read.format.describe() == "read as Windows-1252, semicolon-separated, decimal comma"


def test_utf16_tab_separated_unicode_text(tmp_path):
    path = tmp_path / "unicode.txt"
    text = "entry\tjudge\tcriterion\tscore\n" + "".join("\t".join(r) + "\n" for r in ROWS)
    path.write_bytes(text.encode("utf-16"))
    read = read_score_columns(path)
    assert read.columns.rows() == EXPECTED
    assert read.format.describe() == (
        "read as UTF-16 with byte-order mark, tab-separated, decimal comma"
    )


def test_xlsx_read_directly_numbers_and_labels(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Poäng"
    sheet.append(["Entry", "Judge", "Criterion", "Score"])
    sheet.append([101, "Jöns", "idé", 7.5])
    sheet.append([101, "Åsa", "idé", 8])
    sheet.append([])
    sheet.append([102, "Jöns", "idé", "x"])
    path = tmp_path / "scores.xlsx"
    workbook.save(path)
    with pytest.raises(ScoresFileError) as error:
        read_score_columns(path)
    assert str(error.value) == f"{path}, line 5: score 'x' is not a number"
    sheet.delete_rows(5)
    workbook.save(path)
    read = read_score_columns(path)
    assert read.columns.rows() == [
        ScoreRow("101", "Jöns", "idé", 7.5, line=2),
        ScoreRow("101", "Åsa", "idé", 8.0, line=3),
    ]
    assert read.format.describe() == "read as XLSX, sheet 'Poäng'"


def test_xlsx_weights(tmp_path):
    workbook = Workbook()
    workbook.active.append(["criterion", "weight", "min", "max"])
    workbook.active.append(["idé", 2, 1, 10])
    path = tmp_path / "weights.xlsx"
    workbook.save(path)
    assert read_weights(path) == [Criterion("idé", 2.0, 1.0, 10.0)]


def test_swedish_weights_with_decimal_comma():
    text = "criterion;weight;min;max\nidé;0,5;1;10\n"
    assert read_weights(io.StringIO(text), name="vikter.csv") == [Criterion("idé", 0.5, 1, 10)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "is an old Excel .xls file"),
        (b"PK\x03\x04 not really a zip", "is not a readable XLSX workbook"),
        (b"entry,judge,criterion,score\nE1,J\x81,idea,7\n", "is neither UTF-8 nor Windows-1252"),
        (b"entry,judge\x00,criterion,score\n", "is not a text file"),
    ],
)
def test_unreadable_files_have_a_message(tmp_path, data, message):
    path = tmp_path / "scores.csv"
    path.write_bytes(data)
    with pytest.raises(ScoresFileError, match=message):
        read_score_columns(path)


def test_mixed_decimal_marks_are_an_error_on_the_row():
    text = "entry;judge;criterion;score\nE1;J1;idea;7,5\nE1;J2;idea;6.5\n"
    with pytest.raises(ScoresFileError) as error:
        read_score_columns(io.StringIO(text), name="scores.csv")
    assert str(error.value) == (
        "scores.csv, line 3: score '6.5' has a decimal point but other scores a decimal comma"
    )


def test_fast_and_row_by_row_reading_agree_on_a_large_file_with_blank_lines_and_quotes():
    body = [f"E{i // 4},J{i % 4},idea,{(i * 7) % 10 + 1}" for i in range(40_000)]
    plain = "entry,judge,criterion,score\r\n" + "\r\n".join(body) + "\r\n"
    odd = plain.replace("E5000,J0,idea", '"E5000",J0,idea').replace(
        "\r\nE9000,J1", "\r\n\r\nE9000,J1"
    )
    a = read_score_columns(io.StringIO(plain), name="a.csv").columns.rows()
    b = read_score_columns(io.StringIO(odd), name="b.csv").columns.rows()
    assert [r[:4] for r in map(_plain, a)] == [r[:4] for r in map(_plain, b)]
    assert a[-1].line == 40_001 and b[-1].line == 40_002  # the blank line moves lines on


def test_first_problem_in_file_order_wins_across_blocks():
    body = [f"E{i},J1,idea,5" for i in range(30_000)]
    body[20_000] = "E1,J1,idea,5"  # duplicate of line 3
    body[25_000] = "E25000,J1,idea,abc"
    with pytest.raises(ScoresFileError) as error:
        read_score_columns(io.StringIO("entry,judge,criterion,score\n" + "\n".join(body)), name="s")
    assert error.value.line == 20_002


def _plain(row):
    return (row.entry, row.judge, row.criterion, row.score, row.line)
