import io
import json
import math

from judging.results.analysis import analyse
from judging.results.inputs import Criterion, ScoreRow
from judging.results.report import format_table, render, to_json_dict, write_csv

RUBRIC = [Criterion("idea", 1.0, 1, 10)]


def _result(**kwargs):
    rows = [
        ScoreRow("A", "J1", "idea", 9),
        ScoreRow("A", "J2", "idea", 8),
        ScoreRow("B", "J1", "idea", 6),
        ScoreRow("B", "J2", "idea", 6),
        ScoreRow("C", "J1", "idea", 6),
        ScoreRow("C", "J2", "idea", 6),
    ]
    return analyse(reviews=rows, criteria=RUBRIC, **({"method": "mean"} | kwargs))


def test_to_json_dict_replaces_non_finite_numbers_with_null():
    result = _result(bootstrap=0)
    result["entries"][0]["mean"] = math.nan
    result["reliability"]["kendall_w"] = math.inf
    data = to_json_dict(result)
    assert data["entries"][0]["mean"] is None
    assert data["reliability"]["kendall_w"] is None
    json.dumps(data, allow_nan=False)


def test_to_json_dict_keeps_extra_top_level_keys():
    data = to_json_dict(_result(bootstrap=0))
    assert {"scale", "components", "ties", "flags", "statistical_ties"} <= set(data)
    assert data["ties"] == [{"rank": 2, "entries": ["B", "C"], "resolution": "chair's decision"}]


def test_write_csv_rows_in_rank_order_with_empty_cells_for_null():
    out = io.StringIO()
    write_csv(_result(bootstrap=0), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "entry,reviews,mean,median,zscore,offset,rank,top_probability,shrunk,score,"
        "score_low,score_high"
    )
    assert lines[1].startswith("A,2,8.5,8.5,")
    assert lines[1].split(",")[6:8] == ["1", ""]  # rank 1, no bootstrap
    assert [line.split(",")[6] for line in lines[1:]] == ["1", "2", "2"]


def test_format_table_shows_ranking_judges_reliability_and_notes():
    text = format_table(_result(bootstrap=200, top_n=1))
    assert "Method: mean" in text
    assert "P(top 1)" in text
    assert "ICC: (1,1)=" in text  # complete design
    assert "Kendall's W: " in text
    assert "Krippendorff's alpha: nominal=" in text
    assert "Unresolved tie at rank 2: B, C (chair's decision)" in text
    assert text.splitlines()[4].split()[:3] == ["1", "A", "2"]


def test_render_json_is_strict_json():
    data = json.loads(render(_result(bootstrap=0), fmt="json"))
    assert data["method"] == "mean"
    assert [e["entry"] for e in data["entries"]] == ["A", "B", "C"]
