import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging.results.analysis import analyse
from judging.results.inputs import Criterion, ScoreRow
from judging.results.report import to_json_dict

RUBRIC = [Criterion("idea", 2.0, 1, 10), Criterion("craft", 1.0, 1, 10)]


def _rows(scores):
    """Rows from {(entry, judge): (idea, craft)}."""
    return [
        ScoreRow(e, j, c, s)
        for (e, j), pair in scores.items()
        for c, s in zip(("idea", "craft"), pair, strict=True)
    ]


def _small_award():
    rng = np.random.default_rng(11)
    quality = {f"E{e}": rng.uniform(3, 8) for e in range(1, 13)}
    lenient = {f"J{j}": rng.uniform(-1.5, 1.5) for j in range(1, 6)}
    scores = {}
    for e, (entry, q) in enumerate(quality.items()):
        for k in range(3):
            judge = f"J{(e + k) % 5 + 1}"
            base = q + lenient[judge]
            scores[(entry, judge)] = (
                int(np.clip(round(base + rng.normal(0, 0.7)), 1, 10)),
                int(np.clip(round(base + rng.normal(0, 0.7)), 1, 10)),
            )
    return _rows(scores)


def test_analyse_json_has_exactly_the_documented_keys():
    result = to_json_dict(analyse(reviews=_small_award(), criteria=RUBRIC, bootstrap=100))
    assert list(result)[:4] == ["method", "entries", "judges", "reliability"]
    # The original keys first, in their order; the issue-14 keys after them.
    original = ["entry", "reviews", "mean", "median", "zscore", "offset", "rank", "top_probability"]
    added = ["shrunk", "score", "score_low", "score_high"]
    assert all(list(e) == original + added for e in result["entries"])
    judge_keys = ["judge", "reviews", "offset", "offset_sd", "shrunk_offset", "shrunk_offset_sd"]
    judge_keys += ["corrected_share", "agreement", "agreement_low", "agreement_high"]
    assert all(list(j) == judge_keys for j in result["judges"])
    assert list(result["reliability"]) == [
        "icc",
        "kendall_w",
        "alpha",
        "icc_intervals",
        "components",
        "alpha_interval",
        "reading",
    ]
    assert list(result["reliability"]["alpha"]) == ["nominal", "ordinal", "interval", "ratio"]
    # Incomplete design (3 of 5 judges per entry): no ICC, no Kendall's W.
    assert result["reliability"]["icc"] is None
    assert result["reliability"]["kendall_w"] is None
    json.dumps(result, allow_nan=False)


def test_analyse_entries_are_listed_in_rank_order():
    result = analyse(reviews=_small_award(), criteria=RUBRIC, method="mean", bootstrap=0)
    ranks = [e["rank"] for e in result["entries"]]
    assert ranks == sorted(ranks)
    means = [e["mean"] for e in result["entries"]]
    assert means == sorted(means, reverse=True)
    assert all(e["top_probability"] is None for e in result["entries"])


@pytest.mark.parametrize("method", ["mean", "zscore", "offset", "shrunk"])
def test_analyse_rank_follows_the_method(method):
    result = analyse(reviews=_small_award(), criteria=RUBRIC, method=method, bootstrap=0)
    values = [e[method] for e in result["entries"]]
    assert values == sorted(values, reverse=True)
    assert result["method"] == method


def test_analyse_mean_is_weighted_review_score_mean():
    rows = _rows({("A", "J1"): (8, 2), ("A", "J2"): (5, 5), ("B", "J1"): (4, 4)})
    result = analyse(reviews=rows, criteria=RUBRIC, bootstrap=0)
    entries = {e["entry"]: e for e in result["entries"]}
    # A: (2*8 + 2)/3 = 6 and (2*5 + 5)/3 = 5, mean 5.5
    assert entries["A"]["mean"] == 5.5
    assert entries["A"]["median"] == 5.5
    assert entries["B"]["mean"] == 4.0
    assert result["scale"] == {"min": 1.0, "max": 10.0}


def test_analyse_complete_design_reports_icc_and_kendall():
    # Shrout & Fleiss (1979) Table 2 as a one-criterion rubric: ICC(3,1) = .71 published.
    data = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    rows = [
        ScoreRow(f"T{e + 1}", f"J{j + 1}", "overall", v)
        for e, row in enumerate(data)
        for j, v in enumerate(row)
    ]
    result = analyse(reviews=rows, bootstrap=0)
    assert round(result["reliability"]["icc"]["ICC3"], 2) == 0.71
    assert result["reliability"]["kendall_w"] is not None
    assert result["criteria"][0]["icc"] == result["reliability"]["icc"]


def test_analyse_incomplete_review_is_flagged_and_entry_unranked():
    rows = _rows({("A", "J1"): (8, 2), ("B", "J1"): (4, 4)})
    rows.append(ScoreRow("C", "J2", "idea", 7))  # no craft score
    result = analyse(reviews=rows, criteria=RUBRIC, bootstrap=0)
    assert result["incomplete_reviews"] == [{"entry": "C", "judge": "J2", "missing": ["craft"]}]
    last = result["entries"][-1]
    assert last == {
        "entry": "C",
        "reviews": 0,
        "mean": None,
        "median": None,
        "zscore": None,
        "offset": None,
        "rank": None,
        "top_probability": None,
        "shrunk": None,
        "score": None,
        "score_low": None,
        "score_high": None,
    }
    j2 = next(j for j in result["judges"] if j["judge"] == "J2")
    assert (j2["reviews"], j2["offset"], j2["offset_sd"], j2["shrunk_offset"]) == (
        0,
        None,
        None,
        None,
    )


def test_analyse_unresolved_tie_is_reported_for_the_chair():
    rows = _rows({("A", "J1"): (5, 5), ("B", "J2"): (5, 5), ("C", "J1"): (9, 9)})
    result = analyse(reviews=rows, criteria=RUBRIC, bootstrap=0)
    assert [(e["entry"], e["rank"]) for e in result["entries"]] == [("C", 1), ("A", 2), ("B", 2)]
    assert result["ties"] == [{"rank": 2, "entries": ["A", "B"], "resolution": "chair's decision"}]


def test_analyse_disconnected_design_lists_components():
    rows = _rows(
        {("A", "J1"): (5, 5), ("A", "J2"): (6, 6), ("B", "J3"): (7, 7), ("C", "J3"): (3, 3)}
    )
    result = analyse(reviews=rows, criteria=RUBRIC, bootstrap=0)
    assert result["components"] == [
        {"judges": ["J1", "J2"], "entries": ["A"]},
        {"judges": ["J3"], "entries": ["B", "C"]},
    ]


def test_analyse_statistical_ties_from_bootstrap():
    rows = _rows(
        {("A", "J1"): (9, 9), ("A", "J2"): (3, 3), ("B", "J1"): (6, 6), ("B", "J2"): (5, 5)}
    )
    result = analyse(reviews=rows, criteria=RUBRIC, bootstrap=500, top_n=1)
    assert [(t["entry"], t["next_entry"]) for t in result["statistical_ties"]] == [("A", "B")]
    probabilities = {e["entry"]: e["top_probability"] for e in result["entries"]}
    assert 0 < probabilities["A"] < 1 and 0 < probabilities["B"] < 1


def test_analyse_rejects_unknown_method_and_rule():
    with pytest.raises(ValueError, match="unknown method 'median'"):
        analyse(reviews=_small_award(), method="median")
    with pytest.raises(ValueError, match="unknown tie-break rule"):
        analyse(reviews=_small_award(), tie_break=["dice"])


def test_analyse_with_no_complete_review_still_reports():
    result = analyse(reviews=[ScoreRow("A", "J1", "idea", 5)], criteria=RUBRIC, bootstrap=100)
    assert [e["rank"] for e in result["entries"]] == [None]
    reliability = result["reliability"]
    assert (reliability["icc"], reliability["kendall_w"]) == (None, None)
    assert reliability["alpha"] == dict.fromkeys(("nominal", "ordinal", "interval", "ratio"))
    assert (reliability["components"], reliability["alpha_interval"]) == (None, None)
    assert reliability["reading"]["code"] == "reliability_unknown"
    assert result["robustness"]["code"] == "no_ranking"
    json.dumps(to_json_dict(result), allow_nan=False)


@st.composite
def award_rows(draw):
    n_e = draw(st.integers(2, 6))
    n_j = draw(st.integers(2, 4))
    scores = {}
    for e in range(n_e):
        judges = draw(st.lists(st.integers(0, n_j - 1), min_size=1, max_size=n_j, unique=True))
        for j in judges:
            scores[(f"E{e}", f"J{j}")] = (draw(st.integers(1, 10)), draw(st.integers(1, 10)))
    return _rows(scores)


@settings(max_examples=40, deadline=None)
@given(rows=award_rows(), order=st.randoms(use_true_random=False))
def test_analyse_reordering_rows_changes_nothing(rows, order):
    shuffled = list(rows)
    order.shuffle(shuffled)
    a = analyse(reviews=rows, criteria=RUBRIC, bootstrap=50, top_n=2)
    b = analyse(reviews=shuffled, criteria=RUBRIC, bootstrap=50, top_n=2)
    assert a == b


@settings(max_examples=40, deadline=None)
@given(rows=award_rows(), data=st.data())
def test_analyse_relabelling_judges_and_entries_changes_nothing(rows, data):
    entries = sorted({r.entry for r in rows})
    judges = sorted({r.judge for r in rows})
    new_entries = data.draw(st.permutations([f"X{i}" for i in range(len(entries))]))
    new_judges = data.draw(st.permutations([f"Y{i}" for i in range(len(judges))]))
    rename_e = dict(zip(entries, new_entries, strict=True))
    rename_j = dict(zip(judges, new_judges, strict=True))
    renamed = [ScoreRow(rename_e[r.entry], rename_j[r.judge], r.criterion, r.score) for r in rows]
    a = analyse(reviews=rows, criteria=RUBRIC, bootstrap=0)
    b = analyse(reviews=renamed, criteria=RUBRIC, bootstrap=0)
    b_entries = {e["entry"]: e for e in b["entries"]}
    for e in a["entries"]:
        other = b_entries[rename_e[e["entry"]]]
        for key in ("reviews", "mean", "median", "zscore", "offset"):
            assert other[key] == pytest.approx(e[key], abs=1e-9)
    b_judges = {j["judge"]: j for j in b["judges"]}
    for j in a["judges"]:
        other = b_judges[rename_j[j["judge"]]]
        assert other["offset"] == pytest.approx(j["offset"], abs=1e-9)
        assert other["offset_sd"] == pytest.approx(j["offset_sd"], abs=1e-9)
    for level, value in a["reliability"]["alpha"].items():
        assert b["reliability"]["alpha"][level] == pytest.approx(value, abs=1e-9)
