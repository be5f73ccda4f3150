"""Spreadsheet cells and files of the results exports."""

from judging.exports import cell_neutralise, csv_bytes


def test_cell_neutralise_prefixes_formula_text_and_keeps_numbers():
    values = ["=1+2", "+SUM(A1)", "-cmd", "@x", "\tx", "\rx", "plain", -0.5, 3, None]

    assert [cell_neutralise(v) for v in values] == [
        "'=1+2",
        "'+SUM(A1)",
        "'-cmd",
        "'@x",
        "'\tx",
        "'\rx",
        "plain",
        -0.5,
        3,
        "",
    ]


def test_csv_bytes_starts_with_a_byte_order_mark():
    assert csv_bytes(header=["a", "b"], rows=[["=x", -1.25]]) == (
        "\ufeffa,b\r\n'=x,-1.25\r\n".encode()
    )
