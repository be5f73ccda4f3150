"""File types by content, and names."""

import pytest

from submissions.file_types import filename_sanitise


@pytest.mark.parametrize(
    ("given", "sanitised"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\sally\\plan.pdf", "plan.pdf"),
        ("plan\x00.exe.pdf", "plan.exe.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\u2066b\u2069c\u200f.pdf", "abc.pdf"),
        ("tab\tand\nnewline.pdf", "tabandnewline.pdf"),
        ("...hidden.pdf", "hidden.pdf"),
        ("", "attachment"),
        ("/", "attachment"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_filename_sanitise_strips_paths_controls_and_bidi(given, sanitised):
    assert filename_sanitise(given) == sanitised
