import io

import pytest

from judging.results.csvio import (
    ScoresFileError,
    load,
    read_score_columns,
    read_scores,
    read_weights,
)
from judging.results.inputs import Criterion, InputError, ScoreRow

HEADER = "entry,judge,criterion,score\n"


def _scores(text, **kwargs):
    return read_scores(io.StringIO(text), name="scores.csv", **kwargs)


def _error(text, reader=_scores, **kwargs):
    with pytest.raises(ScoresFileError) as error:
        reader(text, **kwargs)
    return str(error.value)


def test_read_scores_parses_rows_with_line_numbers():
    rows = _scores(HEADER + "E1,J1,idea,7\nE1,J1,craft,6.5\n")
    assert rows == [
        ScoreRow("E1", "J1", "idea", 7.0, line=2),
        ScoreRow("E1", "J1", "craft", 6.5, line=3),
    ]


def test_read_scores_columns_in_any_order_and_case_extra_ignored():
    rows = _scores("Score, Judge ,comment,CRITERION,entry\n7,J1,great,idea,E1\n")
    assert rows == [ScoreRow("E1", "J1", "idea", 7.0, line=2)]


def test_read_scores_blank_lines_skipped_line_numbers_stay_physical():
    text = HEADER + "E1,J1,idea,7\n\n,,,\nE1,J2,idea,abc\n"
    assert _error(text) == "scores.csv, line 5: score 'abc' is not a number"


def test_read_scores_line_numbers_after_multiline_quoted_field():
    text = 'entry,judge,criterion,score,note\nE1,J1,idea,7,"two\nlines"\nE1,J2,idea,x,\n'
    assert _error(text) == "scores.csv, line 4: score 'x' is not a number"


def test_read_scores_empty_file():
    assert _error("") == (
        "scores.csv, line 1: the file is empty (expected a header row with columns "
        "entry, judge, criterion, score)"
    )


def test_read_scores_header_only():
    assert _error(HEADER) == "scores.csv, line 2: no scores after the header row"


def test_read_scores_missing_required_column():
    assert _error("entry,judge,criterion,points\nE1,J1,idea,7\n") == (
        "scores.csv, line 1: missing required column 'score' (the header has: entry, judge, "
        "criterion, points; expected entry, judge, criterion, score)"
    )


def test_read_scores_duplicate_header_column():
    assert _error("entry,judge,criterion,score,Score\n") == (
        "scores.csv, line 1: column 'score' appears more than once in the header"
    )


def test_read_scores_non_numeric_score():
    text = HEADER + "E1,J1,idea,7\n" * 1 + "E1,J2,idea,7\nE1,J3,idea,7\nE2,J1,idea,7\n"
    text += "E2,J2,idea,abc\n"
    assert _error(text) == "scores.csv, line 6: score 'abc' is not a number"


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity"])
def test_read_scores_non_finite_score(value):
    assert _error(HEADER + f"E1,J1,idea,{value}\n") == (
        f"scores.csv, line 2: score '{value}' is not a finite number"
    )


def test_read_scores_rejects_python_only_number_syntax():
    assert _error(HEADER + "E1,J1,idea,1_0\n") == "scores.csv, line 2: score '1_0' is not a number"


def test_read_scores_empty_score_and_empty_label():
    assert _error(HEADER + "E1,J1,idea,\n") == "scores.csv, line 2: score is empty"
    assert _error(HEADER + "E1,,idea,5\n") == "scores.csv, line 2: judge is empty"


def test_read_scores_short_row():
    assert _error(HEADER + "E1,J1,idea\n") == "scores.csv, line 2: missing value for 'score'"


def test_read_scores_duplicate_row_names_both_lines():
    text = HEADER + "E1,J1,idea,7\nE1,J1,craft,6\nE1,J1,idea,8\n"
    assert _error(text) == (
        "scores.csv, line 4: duplicate score for entry 'E1', judge 'J1', criterion 'idea' "
        "(first given on line 2)"
    )


def test_read_scores_outside_scale_with_weights():
    criteria = [Criterion("idea", 1.0, 1, 10)]
    assert _error(HEADER + "E1,J1,idea,7\nE1,J2,idea,11\n", criteria=criteria) == (
        "scores.csv, line 3: score 11 for criterion 'idea' is outside its scale 1..10"
    )


def test_read_scores_criterion_missing_from_weights():
    criteria = [Criterion("idea", 1.0, 1, 10)]
    assert _error(HEADER + "E1,J1,colour,7\n", criteria=criteria) == (
        "scores.csv, line 2: criterion 'colour' is not in the weights file"
    )


def test_read_scores_from_path_names_the_file_as_given(tmp_path):
    path = tmp_path / "SCORES.csv"
    path.write_text("\ufeff" + HEADER + "E1,J1,idea,7\nE1,J2,idea,abc\n", encoding="utf-8")
    rows = None
    with pytest.raises(ScoresFileError) as error:
        rows = read_scores(path)
    assert rows is None
    assert str(error.value) == f"{path}, line 3: score 'abc' is not a number"
    assert (error.value.filename, error.value.line) == (str(path), 3)
    assert isinstance(error.value, InputError)


def test_read_scores_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(ScoresFileError, match=r"nope\.csv: cannot be opened"):
        read_scores(path)


def test_read_scores_latin1_file_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "E1,J\xe9,idea,7\n".encode("latin-1"))
    read = read_score_columns(path)
    assert read.columns.rows() == [ScoreRow("E1", "J\xe9", "idea", 7.0, line=2)]
    assert read.format.describe() == "read as Windows-1252, comma-separated"


WEIGHTS_HEADER = "criterion,weight,min,max\n"


def _weights(text):
    return read_weights(io.StringIO(text), name="weights.csv")


def test_read_weights_with_and_without_scale():
    assert _weights(WEIGHTS_HEADER + "idea,2,1,10\ncraft,1,,\n") == [
        Criterion("idea", 2.0, 1.0, 10.0),
        Criterion("craft", 1.0, None, None),
    ]
    assert _weights("Criterion,Weight\nidea,0.5\n") == [Criterion("idea", 0.5)]


def test_read_weights_errors_name_the_line():
    assert _error(WEIGHTS_HEADER + "idea,heavy,1,10\n", reader=_weights) == (
        "weights.csv, line 2: weight 'heavy' is not a number"
    )
    assert _error(WEIGHTS_HEADER + "idea,1,1,10\ncraft,0,1,10\n", reader=_weights) == (
        "weights.csv, line 3: weight '0' must be greater than 0"
    )
    assert _error(WEIGHTS_HEADER + "idea,1,10,1\n", reader=_weights) == (
        "weights.csv, line 2: criterion 'idea' has minimum 10 above its maximum 1"
    )
    assert _error(WEIGHTS_HEADER + "idea,1,1,10\n\nidea,2,1,10\n", reader=_weights) == (
        "weights.csv, line 4: criterion 'idea' is listed twice (first on line 2)"
    )
    assert _error(WEIGHTS_HEADER + "idea,1,low,10\n", reader=_weights) == (
        "weights.csv, line 2: min 'low' is not a number"
    )
    assert _error("criterion,min,max\n", reader=_weights) == (
        "weights.csv, line 1: missing required column 'weight' (the header has: criterion, "
        "min, max; expected criterion, weight)"
    )
    assert _error("", reader=_weights).startswith("weights.csv, line 1: the file is empty")
    assert _error(WEIGHTS_HEADER, reader=_weights) == (
        "weights.csv, line 2: no criteria after the header row"
    )


def test_load_validates_scores_against_weights(tmp_path):
    scores = tmp_path / "scores.csv"
    weights = tmp_path / "weights.csv"
    scores.write_text(HEADER + "E1,J1,idea,7\nE1,J1,craft,12\n")
    weights.write_text(WEIGHTS_HEADER + "idea,2,1,10\ncraft,1,1,10\n")
    with pytest.raises(ScoresFileError, match=r"scores\.csv, line 3: score 12 for criterion"):
        load(scores, weights)
    scores.write_text(HEADER + "E1,J1,idea,7\nE1,J1,craft,9\n")
    rows, criteria = load(scores, weights)
    assert [r.score for r in rows] == [7.0, 9.0]
    assert [c.name for c in criteria] == ["idea", "craft"]
