import math
import re

import numpy as np
import pytest
from scipy.optimize import minimize

from judging.results.pairwise import Comparison, bradley_terry
from judging.results.records import InputError

# Stigler (1994) citations among four statistics journals, as in Agresti (2002), Categorical
# Data Analysis, 2nd ed., p. 448, and the R package BradleyTerry2's data set `citations`
# (rows: cited = winner, columns: citing = loser; self-citations carry no information).
JOURNALS = ["Biometrika", "Comm Statist", "JASA", "JRSS-B"]
CITATIONS = [
    [714, 730, 498, 221],
    [33, 425, 68, 17],
    [320, 813, 1072, 142],
    [284, 276, 325, 188],
]
# BradleyTerry2, tests/BTabilities.Rout.save: BTm with contrasts = "contr.sum", BTabilities().
PUBLISHED_SUM_ZERO = {
    "Biometrika": (0.7899221, 0.04333047),
    "Comm Statist": (-2.1591504, 0.07257974),
    "JASA": (0.3103523, 0.04164102),
    "JRSS-B": (1.0588761, 0.05304699),
}

# Agresti (2002) section 10.6, 1987 American League East, via BradleyTerry2 data/baseball.csv
# (home team, away team, home wins, away wins).
BASEBALL = """Milwaukee,Detroit,4,3 Milwaukee,Toronto,4,2 Milwaukee,New York,4,3
Milwaukee,Boston,6,1 Milwaukee,Cleveland,4,2 Milwaukee,Baltimore,6,0 Detroit,Milwaukee,3,3
Detroit,Toronto,4,2 Detroit,New York,4,3 Detroit,Boston,6,0 Detroit,Cleveland,6,1
Detroit,Baltimore,4,3 Toronto,Milwaukee,2,5 Toronto,Detroit,4,3 Toronto,New York,2,4
Toronto,Boston,4,3 Toronto,Cleveland,4,2 Toronto,Baltimore,6,0 New York,Milwaukee,3,3
New York,Detroit,5,1 New York,Toronto,2,5 New York,Boston,4,3 New York,Cleveland,4,2
New York,Baltimore,6,1 Boston,Milwaukee,5,1 Boston,Detroit,2,5 Boston,Toronto,3,3
Boston,New York,4,2 Boston,Cleveland,5,2 Boston,Baltimore,6,0 Cleveland,Milwaukee,2,5
Cleveland,Detroit,3,3 Cleveland,Toronto,3,4 Cleveland,New York,4,3 Cleveland,Boston,4,2
Cleveland,Baltimore,2,4 Baltimore,Milwaukee,2,5 Baltimore,Detroit,1,5 Baltimore,Toronto,1,6
Baltimore,New York,2,4 Baltimore,Boston,1,6 Baltimore,Cleveland,3,4"""
# BradleyTerry2 tests/baseball.Rout.save, model without home advantage, Baltimore = 0
# (Agresti 2002, Table 10.11): estimate and standard error of each team's difference.
PUBLISHED_BASEBALL = {
    "Boston": (1.1077, 0.3339),
    "Cleveland": (0.6839, 0.3319),
    "Detroit": (1.4364, 0.3396),
    "Milwaukee": (1.5814, 0.3433),
    "New York": (1.2476, 0.3359),
    "Toronto": (1.2945, 0.3367),
}


def citation_comparisons():
    out = []
    for i, cited in enumerate(JOURNALS):
        for j, citing in enumerate(JOURNALS):
            if i != j:
                out += [Comparison(winner=cited, loser=citing)] * CITATIONS[i][j]
    return out


def baseball_comparisons():
    out = []
    for record in re.findall(r"([A-Za-z ]+),([A-Za-z ]+),(\d+),(\d+)", BASEBALL):
        home, away, home_wins, away_wins = (part.strip() for part in record)
        out += [Comparison(winner=home, loser=away)] * int(home_wins)
        out += [Comparison(winner=away, loser=home)] * int(away_wins)
    return out


def test_citations_match_bradleyterry2_sum_to_zero_abilities_and_standard_errors():
    fit = bradley_terry(comparisons=citation_comparisons())

    assert fit.regularised is False
    got = {e.entry: (round(e.ability, 7), round(e.ability_sd, 8)) for e in fit.entries}
    assert got == PUBLISHED_SUM_ZERO
    assert fit.order() == ["JRSS-B", "Biometrika", "JASA", "Comm Statist"]
    assert [e.rank for e in fit.entries] == [1, 2, 3, 4]


def test_citations_wins_and_comparisons_are_counted():
    fit = {e.entry: e for e in bradley_terry(comparisons=citation_comparisons()).entries}

    assert (fit["Comm Statist"].wins, fit["Comm Statist"].comparisons) == (118.0, 1937)
    assert math.isclose(sum(e.ability for e in fit.values()), 0.0, abs_tol=1e-12)


def test_baseball_differences_from_baltimore_match_agresti():
    fit = {e.entry: e.ability for e in bradley_terry(comparisons=baseball_comparisons()).entries}

    got = {team: round(fit[team] - fit["Baltimore"], 4) for team in PUBLISHED_BASEBALL}
    assert got == {team: est for team, (est, _) in PUBLISHED_BASEBALL.items()}


def _independent_fit(names, comparisons):
    """Maximum likelihood with scipy, ties as half a win each way, first ability fixed at 0."""
    index = {n: i for i, n in enumerate(names)}

    def negative_log_likelihood(free):
        a = np.concatenate([[0.0], free])
        total = 0.0
        for c in comparisons:
            i, j = index[c.winner], index[c.loser]
            if c.tie:
                total += 0.5 * (np.logaddexp(0, a[j] - a[i]) + np.logaddexp(0, a[i] - a[j]))
            else:
                total += np.logaddexp(0, a[j] - a[i])
        return total

    found = minimize(negative_log_likelihood, np.zeros(len(names) - 1), method="BFGS", tol=1e-10)
    a = np.concatenate([[0.0], found.x])
    return a - a.mean()


def test_ties_count_half_a_win_each_way_like_an_independent_fit():
    comparisons = [
        Comparison("A", "B"),
        Comparison("A", "B"),
        Comparison("B", "A"),
        Comparison("B", "C", tie=True),
        Comparison("C", "A"),
        Comparison("A", "C", tie=True),
        Comparison("C", "B"),
        Comparison("D", "C"),
        Comparison("B", "D"),
        Comparison("D", "A", tie=True),
    ]
    fit = {e.entry: e for e in bradley_terry(comparisons=comparisons).entries}

    expected = _independent_fit(["A", "B", "C", "D"], comparisons)
    for name, value in zip("ABCD", expected, strict=True):
        assert round(fit[name].ability, 5) == round(float(value), 5)
    assert fit["A"].wins == 3.0  # 2 wins over B, half of the ties with C and D
    assert fit["A"].comparisons == 6


def test_unbeaten_entry_gets_a_finite_regularised_ability():
    comparisons = [Comparison("A", "B"), Comparison("A", "C"), Comparison("B", "C")]

    fit = bradley_terry(comparisons=comparisons)

    assert fit.regularised is True
    assert fit.order() == ["A", "B", "C"]
    assert all(math.isfinite(e.ability) and e.ability_sd > 0 for e in fit.entries)


def test_equal_record_gives_equal_abilities_and_a_shared_rank():
    fit = bradley_terry(comparisons=[Comparison("A", "B"), Comparison("B", "A")])

    assert [(e.entry, e.rank, round(e.ability, 12)) for e in fit.entries] == [
        ("A", 1, 0.0),
        ("B", 1, 0.0),
    ]
    # Two comparisons at p = 1/2: information 2 * 1/4 on the difference, sd of each half of it.
    assert round(fit.entries[0].ability_sd, 12) == round(math.sqrt(2.0) / 2, 12)


def test_interval_is_symmetric_around_the_ability():
    entry = bradley_terry(comparisons=citation_comparisons()).entries[0]

    low, high = entry.interval()
    assert round(high - entry.ability, 9) == round(entry.ability - low, 9)
    assert round(high - low, 6) == round(2 * 1.959963984540054 * entry.ability_sd, 6)


def test_an_entry_compared_with_itself_is_refused():
    with pytest.raises(InputError, match="compared with itself"):
        bradley_terry(comparisons=[Comparison("A", "A")])


def test_leave_one_judge_out_names_the_judge_whose_absence_changes_the_winner():
    from judging.results.pairwise import leave_one_judge_out

    comparisons = [
        Comparison("A", "B", judge="J1"),
        Comparison("A", "B", judge="J1"),
        Comparison("B", "A", judge="J2"),
        Comparison("A", "C", judge="J2"),
        Comparison("C", "B", judge="J3"),
        Comparison("B", "C", judge="J3"),
    ]

    check = leave_one_judge_out(comparisons=comparisons)

    assert check["winner"] == ["A"]
    assert check["variants"] == 3
    assert [c["judge"] for c in check["changes"]] == ["J1"]
