from deliberation.agenda import agenda_order, unsettledness


def row(entry_id, rank, p, sd):
    return {"entry_id": entry_id, "rank": rank, "top_probability": p, "sd": sd}


def test_coin_toss_at_the_cut_is_most_unsettled():
    value, parts = unsettledness(
        rank=3, top_probability=0.5, sd=0.0, top_n=3, field_size=10, scale_span=4
    )

    assert parts == {"cut": 1.0, "spread": 0.0, "uncertainty": 1.0}
    assert value == 0.85


def test_agenda_puts_unsettled_first_then_settled_by_rank_then_unscored():
    rows = [
        row(1, 1, 1.0, 0.1),
        row(2, 2, 0.97, 0.2),
        row(3, 3, 0.55, 0.3),
        row(4, 4, 0.45, 1.5),
        row(5, 5, 0.2, 0.2),
        row(6, 10, 0.0, 0.1),
        row(7, None, None, None),
    ]

    agenda = agenda_order(rows=rows, top_n=3, scale_span=4)

    assert [(item.entry_id, item.settled) for item in agenda] == [
        (4, False),
        (3, False),
        (5, False),
        (2, False),
        (1, True),
        (6, True),
        (7, True),
    ]


def test_without_bootstrap_cut_and_spread_decide():
    value, parts = unsettledness(
        rank=1, top_probability=None, sd=2.0, top_n=1, field_size=4, scale_span=4
    )

    assert parts == {"cut": 1.0, "spread": 1.0}
    assert value == 1.0
