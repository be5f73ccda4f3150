import re

from django.utils import translation

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

    assert "<title>E1: mean 3.00 → calibrated 3.50 (+0.50)</title>" in svg
    assert "<title>E2: mean 4.00 → calibrated 3.20 (−0.80)</title>" in svg
    assert svg.count('fill="#1d6b3a"') == 1
    assert svg.count('fill="#a12622"') == 1
    assert "style=" not in svg


def test_judge_distributions_svg_tooltips_and_ticks_follow_swedish():
    with translation.override("sv"):
        svg = judge_distributions_svg(
            judges=[("Ada", [1.5, 2.25, 4])],
            scale_min=1,
            scale_max=5,
            title="Poäng",
            description="Lådagram.",
        )

    assert "<title>Ada: 3 bedömningar · min 1,5 · median 2,25 · max 4 · medel 2,58</title>" in svg
    assert "median 2.25" not in svg


def test_chart_ticks_have_decimal_commas_in_swedish():
    with translation.override("sv"):
        svg = judge_distributions_svg(
            judges=[("Ada", [0.1, 0.3])], scale_min=0, scale_max=1, title="T", description="D"
        )

    assert ">0,2</text>" in svg
    assert ">0.2</text>" not in svg


def test_judge_distributions_svg_makes_room_for_long_names_and_keeps_them_whole_in_the_tooltip():
    name = "Professor Maximiliana Vandersloot-Eriksson"
    svg = judge_distributions_svg(
        judges=[(name, [2, 3]), ("Bo", [4])], scale_min=1, scale_max=5, title="T", description="D"
    )

    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    assert f"<title>{name}: 2 reviews" in svg
    assert ">Professor Maximilia…</text>" in svg
    # The rotated label (19 characters and the ellipsis, 7.5 px each) fits left and below.
    assert re.search(r'<rect x="(\d+)', svg) and int(re.search(r'<rect x="(\d+)', svg)[1]) > 80
    assert height - 230 >= 20 * 7.5 * 0.7
    assert width == 2 * 44 + 10 + int(re.search(r'<line x1="(\d+)', svg)[1])


def test_calibration_shifts_svg_widens_its_margin_for_long_references():
    svg = calibration_shifts_svg(
        entries=[("FSA-2026-IDEA-0001-with-a-long-tail", 3.0, 3.5)],
        scale_min=1,
        scale_max=5,
        title="Shift",
        description="Dots.",
    )

    assert ">FSA-2026-IDEA-0001-with-a…</text>" in svg
    assert '<text x="' + str(26 * 7.5 + 16 - 8).split(".")[0] in svg
    assert "<title>FSA-2026-IDEA-0001-with-a-long-tail: mean 3.00" in svg
