import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges; ICC(1,1) = .17, ICC(3,k) = .91.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def _command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "analyse_scores", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _scores_file(tmp_path: Path) -> Path:
    lines = ["entry,judge,criterion,score,comment"]
    for target, ratings in enumerate(SHROUT_FLEISS, start=1):
        for judge, score in enumerate(ratings, start=1):
            lines.append(f"E{target},J{judge},overall,{score},ignored")
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_json_report_has_the_documented_shape_and_published_icc(tmp_path):
    weights = tmp_path / "weights.csv"
    weights.write_text("criterion,weight,min,max\noverall,1,1,10\n")

    result = _command(str(_scores_file(tmp_path)), "--weights", str(weights), "--format", "json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {"method", "entries", "judges", "reliability"}
    assert report["method"] == "shrunk"  # the default since issue 14
    assert [e["entry"] for e in report["entries"]][0] == "E5"  # 30/4 = 7.5, the highest mean
    assert set(report["entries"][0]) >= {
        "entry", "reviews", "mean", "median", "zscore", "offset", "rank", "top_probability"
    }  # fmt: skip
    assert {j["judge"] for j in report["judges"]} == {"J1", "J2", "J3", "J4"}
    icc = report["reliability"]["icc"]
    assert (round(icc["ICC1"], 2), round(icc["ICC3k"], 2)) == (0.17, 0.91)


def test_bad_score_names_the_line_and_exits_2(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("entry,judge,criterion,score\nE1,J1,overall,5\nE1,J2,overall,abc\n")

    result = _command(str(path))

    assert result.returncode == 2
    assert "line 3" in result.stderr
    assert "abc" in result.stderr


def test_missing_column_exits_2(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("entry,judge,score\nE1,J1,5\n")

    result = _command(str(path))

    assert result.returncode == 2
    assert "criterion" in result.stderr


def test_json_report_has_intervals_verdict_and_warnings(tmp_path):
    result = _command(str(_scores_file(tmp_path)), "--format", "json", "--bootstrap", "200")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["method"] == "shrunk"
    first = report["entries"][0]
    assert first["score_low"] < first["score"] < first["score_high"]
    reliability = report["reliability"]
    # Complete design: the F interval of Shrout & Fleiss's ICC(3,1) (psych: 0.342..0.95).
    assert round(reliability["icc_intervals"]["ICC3"]["low"], 3) == 0.342
    assert reliability["components"]["interval_method"] == "F"
    assert reliability["reading"]["code"].startswith("reliability_")
    assert report["robustness"]["variants"] == 3 + 4
    assert report["robustness"]["code"] in ("winner_settled", "winner_depends")
    assert all({"code", "severity", "params", "message"} <= set(w) for w in report["warnings"])
    assert report["input"]["scores"]["delimiter"] == ","


def test_what_if_without_a_judge(tmp_path):
    result = _command(str(_scores_file(tmp_path)), "--format", "json", "--without-judge", "J2")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["excluded_judges"] == ["J2"]
    assert {j["judge"] for j in report["judges"]} == {"J1", "J3", "J4"}


def test_swedish_excel_export_is_read_and_reported(tmp_path):
    path = tmp_path / "poäng.csv"
    text = "entry;judge;criterion;score\r\n" + "".join(
        f"E{e};J{j};idé;{5 + (e * j) % 4},5\r\n" for e in range(1, 6) for j in range(1, 4)
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())

    result = _command(str(path), "--bootstrap", "0")

    assert result.returncode == 0, result.stderr
    assert "semicolon-separated, decimal comma" in result.stderr
    assert result.stdout.startswith("Method: shrunk")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bootstrap", "-1"], "--bootstrap must be between 0 and"),
        (["--top", "0"], "--top must be at least 1"),
        (["--confidence", "1.5"], "--confidence must be between 0 and 1"),
        (["--without-judge", "J9"], "judge 'J9' to leave out has no scores"),
        (["--method", "median"], "invalid choice"),
        (["--bootstrap", "many"], "invalid int value"),
    ],
)
def test_bad_options_exit_2_with_a_message_and_no_traceback(tmp_path, args, message):
    result = _command(str(_scores_file(tmp_path)), *args)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["missing", "folder", "binary"])
def test_bad_files_exit_2_with_a_message_and_no_traceback(tmp_path, kind):
    path = tmp_path / "scores.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 4)

    result = _command(str(path))

    assert result.returncode == 2
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
