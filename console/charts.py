"""A small server-rendered SVG of an edition's entries over time: started and submitted, summed
day by day. No script and no `style` (the CSP forbids them); the page shows the same figures in a
table beside it, and the SVG carries a <title> and <desc> for screen readers."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

STARTED = "#6c757d"
SUBMITTED = "#1d4d3a"
GRID = "#dee2e6"
INK = "#212529"
WIDTH, HEIGHT, PAD = 320, 120, 24


def cumulative(days: list[tuple]) -> list[tuple]:
    """(day, started so far, submitted so far) from per-day counts."""
    started = submitted = 0
    rows = []
    for day, started_today, submitted_today in days:
        started += started_today
        submitted += submitted_today
        rows.append((day, started, submitted))
    return rows


def _points(values: list[int], top: int) -> str:
    count = len(values)
    step = (WIDTH - 2 * PAD) / max(count - 1, 1)
    return " ".join(
        f"{PAD + i * step:.1f},{HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top:.1f}"
        for i, v in enumerate(values)
    )


def entries_chart(*, days: list[tuple], title: str) -> SafeString:
    """Two lines, entries started and submitted so far, with the first and last day marked."""
    rows = cumulative(days)
    if not rows:
        return mark_safe("")
    top = max(max(r[1] for r in rows), 1)
    started = [r[1] for r in rows]
    submitted = [r[2] for r in rows]
    text = _("From %(first)s to %(last)s: %(started)s entries started, %(submitted)s submitted.")
    desc = text % {
        "first": rows[0][0].isoformat(),
        "last": rows[-1][0].isoformat(),
        "started": started[-1],
        "submitted": submitted[-1],
    }
    parts = [
        f'<svg class="console-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}. {escape(desc)}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        f'stroke="{GRID}"/>',
        f'<line x1="{PAD}" y1="{PAD}" x2="{WIDTH - PAD}" y2="{PAD}" stroke="{GRID}"/>',
        f'<text x="2" y="{PAD + 4}" font-size="10" fill="{INK}">{top}</text>',
        f'<text x="2" y="{HEIGHT - PAD + 4}" font-size="10" fill="{INK}">0</text>',
        f'<polyline fill="none" stroke="{STARTED}" stroke-width="2" stroke-dasharray="4 3" '
        f'points="{_points(started, top)}"/>',
        f'<polyline fill="none" stroke="{SUBMITTED}" stroke-width="2.5" '
        f'points="{_points(submitted, top)}"/>',
        f'<text x="{PAD}" y="{HEIGHT - 6}" font-size="10" fill="{INK}">'
        f"{escape(rows[0][0].isoformat())}</text>",
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 6}" font-size="10" fill="{INK}" '
        f'text-anchor="end">{escape(rows[-1][0].isoformat())}</text>',
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
