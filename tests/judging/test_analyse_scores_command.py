import json
import subprocess
import sys
from pathlib import Path

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
    assert report["method"] == "mean"
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
