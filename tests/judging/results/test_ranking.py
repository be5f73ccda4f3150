import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging.results.aggregate import summarise_entries
from judging.results.ranking import (
    DEFAULT_TIE_BREAK,
    TIE_BREAK_RULES,
    borda,
    rank_by_score,
    schulze,
    tie_break_rules,
)

# Wikipedia, "Schulze method", example (also Schulze, M. (2011), "A new monotonic,
# clone-independent, reversal symmetric, and Condorcet-consistent single-winner election
# method", Social Choice and Welfare 36(2)): 45 voters, 5 candidates.
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
# Published matrix of pairwise preferences d[X, Y] (rows X = A..E).
SCHULZE_D = [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
]
# Published strengths of the strongest paths p[X, Y].
SCHULZE_P = [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
]


def test_schulze_wikipedia_example_matrices_and_order():
    result = schulze(
        ballots=[list(order) for _, order in SCHULZE_BALLOTS],
        counts=[count for count, _ in SCHULZE_BALLOTS],
    )
    assert result.candidates == ["A", "B", "C", "D", "E"]
    assert result.pairwise == SCHULZE_D
    assert result.strongest_paths == SCHULZE_P
    # Published ranking: E > A > C > B > D, winner E.
    assert result.order == [["E"], ["A"], ["C"], ["B"], ["D"]]
    assert result.winners == ["E"]


def test_schulze_result_does_not_depend_on_ballot_order():
    ballots = [list(order) for _, order in SCHULZE_BALLOTS]
    counts = [count for count, _ in SCHULZE_BALLOTS]
    forward = schulze(ballots=ballots, counts=counts)
    backward = schulze(ballots=ballots[::-1], counts=counts[::-1])
    assert forward == backward


def test_schulze_symmetric_preferences_give_a_tie():
    # Two voters with opposite preferences: nobody beats anybody.
    result = schulze(ballots=[["A", "B"], ["B", "A"]])
    assert result.order == [["A", "B"]]
    assert result.winners == ["A", "B"]
    assert result.strongest_paths == [[0, 0], [0, 0]]


def test_schulze_ballots_with_ties_and_unranked_candidates():
    # Ballot 1 ranks A first and B = C; ballot 2 omits C (C ties below A and B there).
    # d[A,B] = 2 (A over B on both), d[A,C] = 2, d[B,C] = 1 (ballot 2), d[C,B] = 0.
    result = schulze(ballots=[["A", ("B", "C")], ["A", "B"]], candidates=["A", "B", "C"])
    assert result.pairwise == [[0, 2, 2], [0, 0, 1], [0, 0, 0]]
    assert result.order == [["A"], ["B"], ["C"]]


def test_schulze_rejects_candidate_ranked_twice():
    with pytest.raises(ValueError, match="twice"):
        schulze(ballots=[["A", ("B", "A")]])


def test_borda_wikipedia_tennessee_example():
    # Wikipedia, "Borda count", example "Tennessee capital": 42% Memphis > Nashville >
    # Chattanooga > Knoxville, 26% Nashville > Chattanooga > Knoxville > Memphis,
    # 15% Chattanooga > Knoxville > Nashville > Memphis, 17% Knoxville > Chattanooga >
    # Nashville > Memphis.  Published totals (per 100 voters): Memphis 126, Nashville 194,
    # Chattanooga 173, Knoxville 107; Nashville wins.
    result = borda(
        ballots=[
            ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
            ["Nashville", "Chattanooga", "Knoxville", "Memphis"],
            ["Chattanooga", "Knoxville", "Nashville", "Memphis"],
            ["Knoxville", "Chattanooga", "Nashville", "Memphis"],
        ],
        counts=[42, 26, 15, 17],
    )
    assert result.points == {
        "Chattanooga": 173.0,
        "Knoxville": 107.0,
        "Memphis": 126.0,
        "Nashville": 194.0,
    }
    assert result.order == [["Nashville"], ["Chattanooga"], ["Memphis"], ["Knoxville"]]


def test_borda_tied_candidates_share_average_points():
    # 4 candidates give 3, 2, 1, 0 points; B and C tied in 2nd/3rd share (2 + 1) / 2.
    result = borda(ballots=[["A", ("B", "C"), "D"]])
    assert result.points == {"A": 3.0, "B": 1.5, "C": 1.5, "D": 0.0}
    assert result.order == [["A"], ["B", "C"], ["D"]]


def test_borda_unranked_candidates_share_the_remaining_points():
    # D and E are missing from the ballot: they tie below A, B, C sharing (1 + 0) / 2.
    result = borda(ballots=[["A", "B", "C"]], candidates=["A", "B", "C", "D", "E"])
    assert result.points == {"A": 4.0, "B": 3.0, "C": 2.0, "D": 0.5, "E": 0.5}


@settings(max_examples=80, deadline=None)
@given(
    tiers=st.permutations(list("ABCDEF")).flatmap(
        lambda names: st.lists(st.integers(0, 3), min_size=6, max_size=6).map(
            lambda levels: [
                [n for n, lv in zip(names, levels, strict=True) if lv == level]
                for level in range(4)
            ]
        )
    )
)
def test_borda_points_equal_pairwise_wins_with_ties_as_half(tiers):
    ballot = [tier for tier in tiers if tier]
    result = borda(ballots=[ballot], candidates=list("ABCDEF"))
    level = {name: t for t, tier in enumerate(ballot) for name in tier}
    for a in "ABCDEF":
        wins = sum(
            1.0 if level[a] < level[b] else 0.5 if level[a] == level[b] else 0.0
            for b in "ABCDEF"
            if b != a
        )
        assert result.points[a] == wins
    assert sum(result.points.values()) == 6 * 5 / 2


def _summaries(data):
    stats = summarise_entries(
        reviews=[
            (entry, f"J{i}", s) for entry, scores in data.items() for i, s in enumerate(scores)
        ]
    )
    scores = {s.entry: s.mean for s in stats}
    tie_data = {
        s.entry: {"median": s.median, "reviews": s.reviews, "mean": s.mean, "sd": s.sd}
        for s in stats
    }
    return scores, tie_data


# Means: D 7, C 7 | B 6, A 6 | E 4, F 4.  D beats C on reviews (3 vs 2, same median 7); B
# beats A on median (6 vs 5); E and F agree on mean, median and count: the chair decides.
TIE_DATA = {
    "A": [5, 5, 8],
    "B": [6, 6, 6],
    "C": [7, 7],
    "D": [6, 8, 7],
    "E": [4, 4],
    "F": [3, 5],
}


def test_rank_by_score_default_rules_median_then_reviews_then_chair():
    scores, tie_data = _summaries(TIE_DATA)
    ranked = rank_by_score(scores=scores, tie_data=tie_data)
    assert [(r.item, r.rank, r.decided_by, r.tied_with) for r in ranked] == [
        ("D", 1, None, ()),
        ("C", 2, "reviews", ()),
        ("B", 3, "score", ()),
        ("A", 4, "median", ()),
        ("E", 5, "score", ("F",)),
        ("F", 5, "score", ("E",)),
    ]


def test_rank_by_score_chair_only_leaves_every_tie_unresolved():
    scores, tie_data = _summaries(TIE_DATA)
    ranked = rank_by_score(scores=scores, tie_data=tie_data, rules=["chair"])
    assert [(r.item, r.rank) for r in ranked] == [
        ("C", 1),
        ("D", 1),
        ("A", 3),
        ("B", 3),
        ("E", 5),
        ("F", 5),
    ]


def test_rank_by_score_rules_apply_in_configured_order():
    # "sd" first: C {7, 7} has sd 0 < D's 1, so C now wins the top spot.
    scores, tie_data = _summaries(TIE_DATA)
    ranked = rank_by_score(scores=scores, tie_data=tie_data, rules=["sd", "median", "chair"])
    assert [r.item for r in ranked[:2]] == ["C", "D"]
    assert ranked[1].decided_by == "sd"


def test_rank_by_score_never_uses_input_order():
    scores, tie_data = _summaries(TIE_DATA)
    reference = rank_by_score(scores=scores, tie_data=tie_data)
    for permutation in itertools.islice(itertools.permutations(scores), 50):
        shuffled = {k: scores[k] for k in permutation}
        assert rank_by_score(scores=shuffled, tie_data=tie_data) == reference


def test_rank_by_score_treats_rounding_noise_as_a_tie():
    ranked = rank_by_score(scores={"X": 0.1 + 0.2, "Y": 0.3}, tie_data={}, rules=["chair"])
    assert [r.rank for r in ranked] == [1, 1]


def test_rank_by_score_missing_tie_value_sorts_last():
    # trimmed_mean exists only with 5+ reviews: the entry that has one goes first.
    ranked = rank_by_score(
        scores={"P": 5.0, "Q": 5.0},
        tie_data={"P": {"trimmed_mean": None}, "Q": {"trimmed_mean": 4.0}},
        rules=["trimmed_mean", "chair"],
    )
    assert [r.item for r in ranked] == ["Q", "P"]
    assert [r.rank for r in ranked] == [1, 2]


def test_rank_by_score_unknown_rule_is_rejected():
    with pytest.raises(ValueError, match="unknown tie-break rule 'coin'"):
        rank_by_score(scores={"A": 1.0}, rules=["coin"])


def test_tie_break_rules_are_plain_data():
    rules = tie_break_rules()
    assert [r["name"] for r in rules] == list(TIE_BREAK_RULES)
    assert set(DEFAULT_TIE_BREAK) <= {r["name"] for r in rules}
    assert rules[-1] == {
        "name": "chair",
        "label": "Chair's decision",
        "description": "Stop here: the entries stay tied and the tie is reported as unresolved.",
        "field": None,
        "higher_is_better": True,
    }
