import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.judging.results.test_pairwise import CITATIONS, JOURNALS, PUBLISHED_SUM_ZERO

ROOT = Path(__file__).resolve().parents[2]

# Wikipedia, "Schulze method", example (Schulze 2011): 45 voters, 5 candidates; published
# order E > A > C > B > D.
SCHULZE_BALLOTS = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]
# Wikipedia, "Borda count", "Tennessee capital" (per 100 voters): Nashville 194,
# Chattanooga 173, Memphis 126, Knoxville 107.
TENNESSEE = [
    (42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
    (26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
    (15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
    (17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
]


def _ballots_file(tmp_path, groups, *, separator=","):
    lines = [separator.join(["judge", "entry", "rank"])]
    voter = 0
    for count, order in groups:
        for _ in range(count):
            voter += 1
            lines += [
                separator.join([f"V{voter}", name, str(r)]) for r, name in enumerate(order, 1)
            ]
    path = tmp_path / "ballots.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_schulze_reproduces_the_wikipedia_example(tmp_path):
    path = _ballots_file(tmp_path, SCHULZE_BALLOTS)

    out, _ = _run("analyse_rankings", str(path), "--method", "schulze", "--format", "json")

    assert json.loads(out) == {
        "method": "schulze",
        "entries": [
            {"entry": "E", "points": 4, "rank": 1},
            {"entry": "A", "points": 3, "rank": 2},
            {"entry": "C", "points": 2, "rank": 3},
            {"entry": "B", "points": 1, "rank": 4},
            {"entry": "D", "points": 0, "rank": 5},
        ],
    }


def test_borda_reproduces_the_wikipedia_tennessee_example(tmp_path):
    path = _ballots_file(tmp_path, TENNESSEE, separator=";")

    out, err = _run("analyse_rankings", str(path), "--method", "borda", "--format", "json")

    assert json.loads(out)["entries"] == [
        {"entry": "Nashville", "points": 194, "rank": 1},
        {"entry": "Chattanooga", "points": 173, "rank": 2},
        {"entry": "Memphis", "points": 126, "rank": 3},
        {"entry": "Knoxville", "points": 107, "rank": 4},
    ]
    assert "semicolon-separated" in err


def test_borda_ties_and_unranked_entries(tmp_path):
    path = tmp_path / "ballots.csv"
    # J1 ranks A and B equal first and C third, leaving D out: A 2.5, B 2.5, C 1, D 0.
    # J2 ranks D first only: D 3, the others tied below share (2 + 1 + 0) / 3 = 1 each.
    path.write_text("judge,entry,rank\nJ1,A,1\nJ1,B,1\nJ1,C,3\nJ2,D,1\n")

    out, _ = _run("analyse_rankings", str(path), "--method", "borda", "--format", "csv")

    assert out == "rank,entry,points\n1,A,3.5\n1,B,3.5\n3,D,3\n4,C,2\n"


def test_table_format_lists_every_entry(tmp_path):
    path = _ballots_file(tmp_path, SCHULZE_BALLOTS)

    out, _ = _run("analyse_rankings", str(path), "--method", "schulze")

    lines = out.splitlines()
    assert lines[0] == "Method: schulze"
    assert [line.split()[1] for line in lines[4:]] == ["E", "A", "C", "B", "D"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("judge,entry\nJ1,A\n", "missing required column 'rank'"),
        ("judge,entry,rank\nJ1,A,1\nJ1,B,first\n", "line 3: rank 'first' is not a whole number"),
        ("judge,entry,rank\nJ1,A,1\nJ1,B,0\n", "line 3: rank '0' is not a whole number"),
        ("judge,entry,rank\nJ1,A,1\nJ1,A,2\n", "line 3: judge 'J1' ranks entry 'A' twice"),
        ("judge,entry,rank\nJ1,,1\n", "line 2: entry is empty"),
        ("judge,entry,rank\n", "no rankings after the header row"),
    ],
)
def test_bad_ballots_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "ballots.csv"
    path.write_text(content)

    with pytest.raises(CommandError) as raised:
        _run("analyse_rankings", str(path), "--method", "borda")

    assert raised.value.returncode == 2
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)


def test_pairs_reproduce_the_bradleyterry2_citations_fit(tmp_path):
    lines = ["judge,winner,loser"]
    for i, cited in enumerate(JOURNALS):
        for j, citing in enumerate(JOURNALS):
            if i != j:
                lines += [f"J{k % 7},{cited},{citing}" for k in range(CITATIONS[i][j])]
    path = tmp_path / "pairs.csv"
    path.write_text("\n".join(lines) + "\n")

    out, _ = _run("analyse_pairs", str(path), "--format", "json")

    report = json.loads(out)
    assert report["method"] == "bradley-terry"
    assert [set(e) for e in report["entries"]] == [
        {"entry", "ability", "ability_sd", "rank", "wins", "comparisons"}
    ] * 4
    got = {
        e["entry"]: (round(e["ability"], 7), round(e["ability_sd"], 8)) for e in report["entries"]
    }
    assert got == PUBLISHED_SUM_ZERO
    assert [(e["entry"], e["rank"]) for e in report["entries"]] == [
        ("JRSS-B", 1),
        ("Biometrika", 2),
        ("JASA", 3),
        ("Comm Statist", 4),
    ]


def test_pairs_with_ties_and_a_windows_1252_file(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_bytes(
        "judge;vinnare;winner;loser;tie\nJ1;x;Åsa;Bo;\nJ1;x;Bo;Cia;1\nJ2;x;Cia;Åsa;0\n".encode(
            "cp1252"
        )
    )

    out, err = _run("analyse_pairs", str(path), "--format", "csv")

    rows = out.splitlines()
    assert rows[0] == "rank,entry,ability,ability_sd,wins,comparisons"
    assert [r.split(",")[1] for r in rows[1:]] == ["Cia", "Åsa", "Bo"]
    assert [r.split(",")[4] for r in rows[1:]] == ["1.5", "1", "0.5"]
    assert "Windows-1252" in err


def test_pairs_unbeaten_entry_is_noted(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("judge,winner,loser\nJ1,A,B\nJ1,A,C\n")

    out, err = _run("analyse_pairs", str(path))

    assert "shrunk towards 0" in err
    assert out.splitlines()[4].split()[:2] == ["1", "A"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("judge,winner\nJ1,A\n", "missing required column 'loser'"),
        ("judge,winner,loser\nJ1,A,B\nJ1,B,B\n", "line 3: entry 'B' is compared with itself"),
        ("judge,winner,loser,tie\nJ1,A,B,yes\n", "line 2: tie 'yes' must be 1 (a tie), 0 or empty"),
        ("judge,winner,loser\nJ1,A\n", "line 2: missing value for 'loser'"),
    ],
)
def test_bad_pairs_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "pairs.csv"
    path.write_text(content)

    with pytest.raises(CommandError) as raised:
        _run("analyse_pairs", str(path))

    assert raised.value.returncode == 2
    assert message in str(raised.value)


def test_commands_exit_2_without_a_traceback(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("judge,winner,loser\nJ1,A,A\n")

    result = subprocess.run(
        [sys.executable, "manage.py", "analyse_pairs", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}, line 2: entry 'A' is compared with itself" in result.stderr
