"""The order of a jury meeting: the entries whose place is least settled first. Pure: plain
figures from the results analysis in, an ordered agenda out.

How unsettled a place is combines three readings, each from 0 (settled) to 1:

- **rank uncertainty**: how evenly the bootstrap splits on whether the entry is in the top N
  (``1 - |2p - 1|`` for the share ``p`` of resamples that put it there: 1 at a coin toss);
- **closeness to the cut**: 1 for the places either side of the top-N cut, falling to 0 a few
  places away (a tenth of the field, at least three);
- **disagreement**: the standard deviation of the judges' scores as a share of half the scale.

The first weighs most (it already reflects both of the others through the resampling); without
a bootstrap the cut and the disagreement decide. Entries whose reading stays under SETTLED are
grouped at the end, best first; entries without scores come last.
"""

from dataclasses import dataclass, field

SETTLED = 0.2
WEIGHTS = {"uncertainty": 0.6, "cut": 0.25, "spread": 0.15}


@dataclass(frozen=True)
class AgendaItem:
    entry_id: int
    rank: int | None
    unsettled: float
    settled: bool
    reasons: dict = field(default_factory=dict)  # the readings, for the page to put into words


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def unsettledness(
    *,
    rank: int | None,
    top_probability: float | None,
    sd: float | None,
    top_n: int,
    field_size: int,
    scale_span: float,
) -> tuple[float, dict]:
    """The reading for one entry and its parts."""
    reach = max(3.0, field_size / 10)
    cut = 0.0 if rank is None else _clamp(1 - (abs(rank - (top_n + 0.5)) - 0.5) / reach)
    spread = 0.0 if not sd or scale_span <= 0 else _clamp(sd / (scale_span / 2))
    parts = {"cut": cut, "spread": spread}
    if top_probability is None:
        weights = {"cut": 0.6, "spread": 0.4}
    else:
        parts["uncertainty"] = _clamp(1 - abs(2 * top_probability - 1))
        weights = WEIGHTS
    value = sum(weights[key] * parts[key] for key in weights)
    return round(value, 4), {key: round(parts[key], 4) for key in parts}


def agenda_order(*, rows: list[dict], top_n: int, scale_span: float) -> list[AgendaItem]:
    """`rows`: dicts with ``entry_id``, ``rank`` (None when unscored), ``top_probability`` and
    ``sd``. Returns the agenda: unsettled entries most unsettled first (ties by rank), then the
    settled ones by rank, then the unscored ones."""
    field_size = sum(1 for row in rows if row.get("rank") is not None)
    items = []
    for row in rows:
        value, parts = unsettledness(
            rank=row.get("rank"),
            top_probability=row.get("top_probability"),
            sd=row.get("sd"),
            top_n=top_n,
            field_size=field_size,
            scale_span=scale_span,
        )
        items.append(
            AgendaItem(
                entry_id=row["entry_id"],
                rank=row.get("rank"),
                unsettled=value,
                settled=row.get("rank") is None or value < SETTLED,
                reasons=parts,
            )
        )
    big = 10**9

    def key(item: AgendaItem):
        rank = item.rank if item.rank is not None else big
        if item.rank is None:
            return (2, 0.0, big, item.entry_id)
        if item.settled:
            return (1, 0.0, rank, item.entry_id)
        return (0, -item.unsettled, rank, item.entry_id)

    return sorted(items, key=key)
