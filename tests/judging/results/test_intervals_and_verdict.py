import numpy as np
import pytest

from judging.results.analysis import analyse
from judging.results.entry_intervals import entry_intervals
from judging.results.judge_agreement import deviating_judges, judge_agreement
from judging.results.methods import Calibrations
from judging.results.records import ScoreRow
from judging.results.table import ReviewTable


def _simulated(rng, *, entries=60, judges=15, per_entry=4, bias=0.7):
    quality = rng.normal(0, 1, entries)
    leniency = rng.normal(0, bias, judges)
    rows = [
        (e, int(j), quality[e] + leniency[j] + rng.normal())
        for e in range(entries)
        for j in rng.choice(judges, per_entry, replace=False)
    ]
    return ReviewTable.from_reviews(rows), quality, leniency


@pytest.mark.parametrize("method", ["shrunk", "offset"])
def test_entry_intervals_cover_the_truth_about_95_percent_of_the_time(method):
    # Property: over 200 simulated rounds the 95% intervals of the calibrated score cover the
    # entry's true quality (plus the judges' mean leniency, the scale's free constant) in 92
    # to 98 percent of cases.
    rng = np.random.default_rng(14)
    covered = total = 0
    for _ in range(200):
        table, quality, leniency = _simulated(rng)
        intervals = entry_intervals(Calibrations(table=table), method=method, confidence=0.95)
        for label in table.entries:
            low, high = intervals[label]
            truth = quality[label] + leniency.mean()
            covered += low <= truth <= high
            total += 1
    assert 0.92 <= covered / total <= 0.98


def test_mean_intervals_use_the_pooled_spread_and_the_t_quantile():
    table = ReviewTable.from_reviews(
        [("A", "J1", 4), ("A", "J2", 6), ("B", "J1", 7), ("B", "J2", 9)]
    )
    intervals = entry_intervals(Calibrations(table=table), method="mean", confidence=0.95)
    # Within-entry sum of squares 2 + 2 over 2 dof: s = sqrt(2); se = 1; t(2, .975) = 4.3027.
    assert intervals["A"] == pytest.approx((5 - 4.302653, 5 + 4.302653), abs=1e-5)


def _swap_round():
    # A and B are close; J3 alone sees both and rates B far above A, so without J3 A leads.
    rows = []
    marks = {"A": [8, 8, 5], "B": [7, 7, 9], "C": [3, 3, 3], "D": [2, 2, 2]}
    for entry, scores in marks.items():
        for judge, score in zip(("J1", "J2", "J3"), scores, strict=True):
            rows.append(ScoreRow(entry, judge, "overall", score))
    return rows


def test_verdict_names_the_judge_whose_absence_changes_the_winner():
    result = analyse(reviews=_swap_round(), method="mean", bootstrap=0, top_n=2)
    robustness = result["robustness"]
    assert [e["entry"] for e in result["entries"][:2]] == ["B", "A"]
    assert robustness["code"] == "winner_depends"
    assert robustness["variants"] == 3 + 3  # three other methods, three judges left out
    assert {"kind": "without_judge", "method": "mean", "judge": "J3", "winner": ["A"]} in (
        robustness["changes"]
    )
    swap = robustness["swaps"][0]
    assert (swap["entry"], swap["next_entry"]) == ("B", "A")
    assert {"kind": "without_judge", "method": "mean", "judge": "J3"} in swap["variants"]
    assert "A wins instead if J3's scores are left out." in robustness["sentences"]
    rows = {e["entry"]: e for e in robustness["entries"]}
    assert rows["C"]["top_n_settled"]  # third in every variant, never in the top 2


def test_verdict_is_settled_when_every_variant_agrees():
    rows = [
        ScoreRow(entry, judge, "overall", score)
        for entry, score in (("A", 9), ("B", 6), ("C", 3))
        for judge in ("J1", "J2", "J3")
    ]
    robustness = analyse(reviews=rows, bootstrap=0, top_n=1)["robustness"]
    assert (robustness["code"], robustness["winner"], robustness["winner_same"]) == (
        "winner_settled",
        ["A"],
        robustness["variants"],
    )
    assert robustness["unsettled"] == [] and robustness["swaps"] == []


def test_exclude_judges_is_the_analysis_of_the_data_without_them():
    rows = _swap_round()
    without = analyse(reviews=rows, method="mean", bootstrap=0, exclude_judges=["J3"])
    reference = analyse(reviews=[r for r in rows if r.judge != "J3"], method="mean", bootstrap=0)
    assert without["excluded_judges"] == ["J3"]
    assert without["entries"] == reference["entries"]
    with pytest.raises(ValueError, match="judge 'J9' to leave out has no scores"):
        analyse(reviews=rows, exclude_judges=["J9"])


def test_a_random_judge_stands_out_only_with_enough_evidence():
    rng = np.random.default_rng(2)

    def agreement(entries):
        quality = rng.normal(0, 1, entries)
        rows = [
            (e, f"J{j}", quality[e] + rng.normal(0, 1.2)) for e in range(entries) for j in range(4)
        ]
        rows += [(e, "RANDOM", rng.normal(0, 1)) for e in range(entries)]
        return judge_agreement(reviews=rows)

    few = deviating_judges(agreement=agreement(12))
    many = deviating_judges(agreement=agreement(150))
    # Colleagues agree only moderately (noise 1.2 against quality 1): r near 0 over 12 reviews
    # is not evidence enough, over 150 it is.
    assert [f.judge for f in few] == []
    assert [(f.judge, f.rule) for f in many] == [("RANDOM", "correlation")]


def test_warnings_steer_away_from_zscores_when_pools_differ():
    # Two panels; panel 2's pool is two points better.  Each entry gets one review from the
    # other panel, so the design connects.
    rng = np.random.default_rng(6)
    rows = []
    for e in range(80):
        panel = e % 2
        quality = rng.normal(0, 1) + 2.0 * panel
        judges = [f"P{panel}J{k}" for k in rng.choice(5, 3, replace=False)]
        judges.append(f"P{1 - panel}J{rng.integers(5)}")
        for judge in judges:
            rows.append(ScoreRow(f"E{e}", judge, "overall", quality + rng.normal()))
    result = analyse(reviews=rows, method="zscore", bootstrap=0)
    unsafe = [w for w in result["warnings"] if w["code"] == "method_unsafe"]
    assert unsafe and "pools_differ" in unsafe[0]["params"]["reasons"]
    assert unsafe[0]["params"]["suggested"] == "shrunk"
    assert result["calibration"]["pools_differ_p_value"] < 0.01


@pytest.mark.parametrize("seed", range(20))
def test_fast_variant_ranks_agree_with_the_full_ranking(seed):
    # Whole-point scores on few judges make ties in the score and in the tie-break fields.
    from judging.results.robustness import fast_ranks, rank_table

    rng = np.random.default_rng(seed)
    rows = [
        (f"E{e}", f"J{j}", float(rng.integers(1, 4)))
        for e in range(12)
        for j in range(4)
        if rng.random() < 0.7
    ]
    calibrations = Calibrations(table=ReviewTable.from_reviews(rows))
    for method in ("mean", "shrunk"):
        for rules in (("median", "reviews", "chair"), ("chair",), ("sd", "trimmed_mean")):
            full = {r.item: r.rank for r in rank_table(calibrations, method=method, rules=rules)}
            assert fast_ranks(calibrations, method=method, rules=rules) == full
