"""Moving one of a set of ordered rows (a category's questions, a round's criteria) up or down."""

from django.db import transaction


@transaction.atomic
def ordered_move(rows, *, pk: int, up: bool, start: int) -> int | None:
    """Swap the row `pk` of the queryset `rows` with the one above it (`up`) or below it, rows
    locked until the transaction ends, and number every row's position from `start`
    on the way, so that ties left by earlier edits cannot stall a move. Returns the row's new
    position, or None when it is at that end already (nothing changed)."""
    ordered = list(rows.select_for_update().order_by("position", "id"))
    index = next(i for i, row in enumerate(ordered) if row.pk == pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return None
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered, start=start):
        row.position = position
    rows.model.objects.bulk_update(ordered, ["position"])
    return other + start
