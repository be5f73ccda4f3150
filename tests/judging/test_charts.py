from judging.charts import calibration_shifts_svg, five_numbers, judge_distributions_svg


def test_five_numbers_interpolates_quartiles():
    assert five_numbers([1, 2, 3, 4, 5]) == {
        "min": 1.0,
        "q1": 2.0,
        "median": 3.0,
        "q3": 4.0,
        "max": 5.0,
        "mean": 3.0,
    }
    assert five_numbers([]) is None


def test_judge_distributions_svg_escapes_labels_and_has_a_title():
    svg = judge_distributions_svg(
        judges=[("<script>alert(1)</script>", [1, 2, 5]), ("Bo & Co", [3])],
        scale_min=1,
        scale_max=5,
        title="Scores per judge",
        description="Box plots.",
    )

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "Bo &amp; Co" in svg
    assert '<title id="judge-distributions-title">Scores per judge</title>' in svg
    assert 'aria-labelledby="judge-distributions-title judge-distributions-desc"' in svg
    assert "style=" not in svg
    assert svg.count("<rect ") == 2


def test_calibration_shifts_svg_colours_lifts_and_drops():
    svg = calibration_shifts_svg(
        entries=[("E1", 3.0, 3.5), ("E2", 4.0, 3.2), ("E3", 2.0, 2.001)],
        scale_min=1,
        scale_max=5,
        title="Shift",
        description="Dots.",
    )

    assert "<title>E1: 3.00 → 3.50 (+0.50)</title>" in svg
    assert svg.count('fill="#1d6b3a"') == 1
    assert svg.count('fill="#a12622"') == 1
    assert "style=" not in svg
