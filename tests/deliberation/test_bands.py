from deliberation.bands import quarter

MEANS = {1: 4.5, 2: 4.0, 3: 3.0, 4: 3.0, 5: 2.0, 6: 1.5, 7: 1.0, 8: 1.0}


def test_quarters_from_the_top():
    assert [quarter(means=MEANS, entry_id=pk) for pk in MEANS] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_no_quarter_without_a_score_or_with_fewer_than_four_entries():
    assert quarter(means=MEANS, entry_id=99) is None
    assert quarter(means={1: 3.0, 2: 2.0, 3: 1.0}, entry_id=1) is None
