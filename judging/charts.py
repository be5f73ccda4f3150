"""Server-rendered SVG charts for the results page, drawn from plain data.

No script, no external service and no `style` attributes (the Content-Security-Policy forbids
them; SVG presentation attributes such as `fill=` are allowed). Every chart carries a <title>
and <desc> for screen readers, and the page shows the same figures in a table beside it.
Labels are escaped: they come from entry references and judges' names. Long labels are cut
to a few characters with "…" (the full text is in the mark's <title> tooltip and in the table
beside the chart), and the margins grow with the labels so that nothing is clipped. Numbers and
tooltip words follow the active language (decimal commas and Swedish words on Swedish pages).
"""

import math
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INK = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
BOX = "#cfe2d8"
ACCENT = "#1d4d3a"
UP = "#1d6b3a"
DOWN = "#a12622"
# Width of one character of the 12 px system font, generously (capitals and digits): margins
# computed from it leave room for the longest label.
CHAR_WIDTH = 7.5
JUDGE_LABEL_CHARS = 20
ENTRY_LABEL_CHARS = 26


def five_numbers(values: Sequence[float]) -> dict[str, float] | None:
    """Minimum, quartiles (linear interpolation), maximum and mean; None for no values."""
    data = sorted(float(v) for v in values)
    if not data:
        return None

    def quantile(q: float) -> float:
        pos = q * (len(data) - 1)
        low = math.floor(pos)
        high = min(low + 1, len(data) - 1)
        return data[low] + (data[high] - data[low]) * (pos - low)

    return {
        "min": data[0],
        "q1": quantile(0.25),
        "median": quantile(0.5),
        "q3": quantile(0.75),
        "max": data[-1],
        "mean": sum(data) / len(data),
    }


def _num(value: float) -> str:
    """A tick: up to two decimals, trailing zeros dropped, in the page's number format."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return number_format(float(text), decimal_pos=decimals)


def _fixed(value: float, *, sign: bool = False) -> str:
    """Two decimals in the page's number format (a minus sign, not a hyphen, when negative)."""
    # number_format cuts decimals off rather than rounding: round first.
    text = number_format(round(abs(value), 2), decimal_pos=2)
    if value < 0 and text.strip("0,.") != "":
        return "−" + text
    return ("+" if sign else "") + text


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _summary(values: Sequence[float]) -> dict[str, float] | None:
    five = five_numbers(values)
    return None if five is None else {**five, "count": len(values)}


def _ticks(low: float, high: float) -> list[float]:
    """About five round-numbered ticks (steps of 1, 2 or 5 times a power of ten)."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    count = int((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 10) for i in range(count)]


def _svg(*, width: int, height: int, title: str, description: str, ident: str, body: list[str]):
    return mark_safe(  # noqa: S308 (every label and text below is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="system-ui, sans-serif" '
        f'font-size="12">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _judge_tooltip(name: str, stats: dict) -> str:
    return ngettext(
        "%(judge)s: %(count)s review · min %(min)s · median %(median)s · "
        "max %(max)s · mean %(mean)s",
        "%(judge)s: %(count)s reviews · min %(min)s · median %(median)s · "
        "max %(max)s · mean %(mean)s",
        stats["count"],
    ) % {
        "judge": name,
        "count": stats["count"],
        "min": _num(stats["min"]),
        "median": _num(stats["median"]),
        "max": _num(stats["max"]),
        "mean": _fixed(stats["mean"]),
    }


def _box(*, name: str, stats: dict, cx: float, y) -> str:
    """One judge's box plot at `cx`, with its tooltip (`name` is escaped already)."""
    return (
        f"<title>{_judge_tooltip(name, stats)}</title>"
        f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(stats["max"]):.1f}" '
        f'y2="{y(stats["min"]):.1f}" stroke="{INK}" stroke-width="1"/>'
        f'<rect x="{cx - 12:.1f}" y="{y(stats["q3"]):.1f}" width="24" '
        f'height="{max(y(stats["q1"]) - y(stats["q3"]), 1):.1f}" fill="{BOX}" '
        f'stroke="{ACCENT}" stroke-width="1"/>'
        f'<line x1="{cx - 12:.1f}" x2="{cx + 12:.1f}" y1="{y(stats["median"]):.1f}" '
        f'y2="{y(stats["median"]):.1f}" stroke="{ACCENT}" stroke-width="2"/>'
        f'<circle cx="{cx:.1f}" cy="{y(stats["mean"]):.1f}" r="3" fill="{INK}"/>'
    )


def _shift_tooltip(name: str, mean: float, calibrated: float) -> str:
    return _("%(entry)s: mean %(mean)s → calibrated %(calibrated)s (%(shift)s)") % {
        "entry": name,
        "mean": _fixed(mean),
        "calibrated": _fixed(calibrated),
        "shift": _fixed(calibrated - mean, sign=True),
    }


def judge_distributions_svg(
    *,
    judges: Sequence[tuple[str, Sequence[float] | dict]],
    scale_min: float,
    scale_max: float,
    title: str,
    description: str,
    ident: str = "judge-distributions",
) -> SafeString:
    """One box plot per judge, side by side: whiskers at min and max, box from the first to the
    third quartile, a line at the median and a dot at the mean, on a common vertical scale.
    A judge's scores are a list, or their `five_numbers` with a ``count`` (already summed up)."""
    judges = [
        (label, scores if isinstance(scores, dict) else _summary(scores))
        for label, scores in judges
    ]
    shorts = [_short(str(label), JUDGE_LABEL_CHARS) for label, _scores in judges]
    # A label is rotated 45 degrees and ends under its box: it reaches down and to the left
    # by its length times cos 45.
    reach = max((len(short) for short in shorts), default=0) * CHAR_WIDTH * 0.7072
    column = 44
    left = max(40, math.ceil(reach - column / 2 + 8))
    right, top = 10, 10
    bottom = max(40, math.ceil(reach + 24))
    plot_h = 220
    width = left + right + column * max(len(judges), 1)
    height = top + plot_h + bottom
    values = [s[key] for _label, s in judges if s for key in ("min", "max")]
    low = min([scale_min, *values])
    high = max([scale_max, *values])
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / span)

    body = []
    for tick in _ticks(low, high):
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{_num(tick)}</text>"
        )
    for i, (label, stats) in enumerate(judges):
        cx = left + column * i + column / 2
        name = escape(str(label))
        short = escape(shorts[i])
        body.append("<g>")
        if stats:
            body.append(_box(name=name, stats=stats, cx=cx, y=y))
        base = top + plot_h + 12
        body.append(
            f'<text x="{cx:.1f}" y="{base}" text-anchor="end" fill="{INK}" '
            f'transform="rotate(-45 {cx:.1f} {base})">{short}</text></g>'
        )
    return _svg(
        width=width, height=height, title=title, description=description, ident=ident, body=body
    )


def calibration_shifts_svg(
    *,
    entries: Sequence[tuple[str, float, float]],
    scale_min: float,
    scale_max: float,
    title: str,
    description: str,
    ident: str = "calibration-shifts",
) -> SafeString:
    """For each entry (label, raw mean, calibrated score) an arrow-like segment from a hollow dot
    at the raw mean to a filled dot at the calibrated score: green when calibration lifts the
    entry, red when it lowers it."""
    shorts = [_short(str(label), ENTRY_LABEL_CHARS) for label, _mean, _cal in entries]
    left = max(60, math.ceil(max((len(short) for short in shorts), default=0) * CHAR_WIDTH + 16))
    right, top, bottom = 20, 10, 30
    row = 18
    plot_w = 460
    width = left + plot_w + right
    height = top + row * max(len(entries), 1) + bottom
    # Zoomed on the entries shown: on the whole rubric scale, shifts of a few tenths vanish.
    values = [v for _label, mean, cal in entries for v in (mean, cal)] or [scale_min, scale_max]
    pad = 0.05 * ((scale_max - scale_min) or 1.0)
    low = min(values) - pad
    high = max(values) + pad
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return left + plot_w * (value - low) / span

    body = []
    axis_y = top + row * max(len(entries), 1)
    for tick in _ticks(low, high):
        body.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" y2="{axis_y}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x(tick):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="{INK}">'
            f"{_num(tick)}</text>"
        )
    for i, (label, mean, calibrated) in enumerate(entries):
        cy = top + row * i + row / 2
        shift = calibrated - mean
        # Below half a hundredth the shift shows as 0.00 in the table: no colour either.
        colour = UP if shift >= 0.005 else DOWN if shift <= -0.005 else MUTED
        name = escape(str(label))
        short = escape(shorts[i])
        tooltip = _shift_tooltip(name, mean, calibrated)
        body.append(
            f"<g><title>{tooltip}</title>"
            f'<text x="{left - 8}" y="{cy + 4:.1f}" text-anchor="end" fill="{INK}">{short}</text>'
            f'<line x1="{x(mean):.1f}" x2="{x(calibrated):.1f}" y1="{cy:.1f}" y2="{cy:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<circle cx="{x(mean):.1f}" cy="{cy:.1f}" r="4" fill="#fff" stroke="{MUTED}" '
            f'stroke-width="1.5"/>'
            f'<circle cx="{x(calibrated):.1f}" cy="{cy:.1f}" r="4" fill="{colour}"/></g>'
        )
    return _svg(
        width=width, height=height, title=title, description=description, ident=ident, body=body
    )
