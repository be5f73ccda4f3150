from django.utils import translation

from judging.results_words import flag_text, interval, robustness_lines, settled_places

ROBUSTNESS = {
    "code": "winner_depends",
    "winner": ["A"],
    "winner_same": 5,
    "variants": 6,
    "changes": [{"kind": "without_judge", "method": "shrunk", "judge": 7, "winner": ["B"]}],
    "swaps": [
        {
            "entry": "A",
            "next_entry": "B",
            "variants": [
                {"kind": "without_judge", "method": "shrunk", "judge": 7},
                {"kind": "method", "method": "zscore", "judge": None},
            ],
        }
    ],
    "entries": [
        {"entry": "A", "rank": 1, "best_rank": 1, "worst_rank": 2, "place_settled": False},
        {"entry": "B", "rank": 2, "best_rank": 1, "worst_rank": 2, "place_settled": False},
        {"entry": "C", "rank": 3, "best_rank": 3, "worst_rank": 3, "place_settled": True},
    ],
}


def test_robustness_lines_name_the_judge_and_the_swap():
    lines = robustness_lines(ROBUSTNESS, names={7: "Ada"}, top_n=2)

    assert lines == [
        "The winner (A) is the same in 5 of 6 variants (each judge left out, each other "
        "ranking method).",
        "B wins instead if Ada's scores are left out.",
        "A and B swap places if Ada's scores are left out or ranked by z-scores.",
    ]


def test_robustness_lines_in_swedish():
    with translation.override("sv"):
        lines = robustness_lines(ROBUSTNESS, names={7: "Ada"}, top_n=2)

    assert lines[1] == "B vinner i stället om poängen från Ada räknas bort."


def test_settled_places_counts_the_top_group_only():
    places = settled_places(ROBUSTNESS, top_n=2)

    assert places["summary"] == "Top 2: 0 of 2 places are the same in every variant."
    assert places["unsettled"] == ["A", "B"]


def test_flag_text_gives_the_basis_of_a_lenient_judge():
    flag = {
        "code": "judge_lenient",
        "value": 2.46,
        "threshold": 2.0,
        "params": {"shared": 12, "low": 1.5, "high": 3.44},
    }

    assert flag_text(flag) == (
        "Scores much higher than colleagues on the same entries: 2.5 SD "
        "(95% interval 1.5–3.4, over 12 shared entries)."
    )
    with translation.override("sv"):
        assert flag_text(flag) == (
            "Ger mycket högre poäng än kollegorna för samma bidrag: 2,5 SD "
            "(95 %-intervall 1,5–3,4, över 12 gemensamma bidrag)."
        )


def test_interval_is_empty_without_a_bound():
    assert interval(None, 2) == ""
    assert interval(1, 2) == "1.00–2.00"
