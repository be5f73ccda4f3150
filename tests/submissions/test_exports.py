"""CSV exports."""

import pytest

from submissions.exports import csv_cell_neutralise, entry_export_rows
from submissions.selectors import entries_for_organiser
from submissions.services.moves import entry_move
from tests.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 8 123", "'+46 8 123"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Turn UP", "Turn UP"),
        (None, ""),
        (7, "7"),
    ],
)
def test_csv_cell_neutralise_prefixes_formulas(value, cell):
    assert csv_cell_neutralise(value) == cell


def test_entry_move_leaves_old_category_answers_out_of_the_export(edition, entry, idea, tech):
    idea_text = QuestionFactory(category=idea, label_en="Your idea")
    tech_text = QuestionFactory(category=tech, label_en="Your technology")
    AnswerFactory(entry=entry, question=idea_text, value="Concerts")
    AnswerFactory(entry=entry, question=tech_text, value="Speakers")

    entry_move(entry=entry, category=tech, user=entry.owner)
    rows = list(entry_export_rows(edition=edition, entries=entries_for_organiser(edition=edition)))

    assert rows[0][-2:] == ["IDEA: Your idea", "TECH: Your technology"]
    assert rows[1][1] == "TECH"
    assert rows[1][-2:] == ["", "Speakers"]
