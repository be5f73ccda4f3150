"""Who is on the panel of each pitch slot: the category's active jury, less anyone with a
confirmed conflict of interest with that finalist (shown to the organiser with the reason)."""

from dataclasses import dataclass, field

from judging.enums import ConflictStatus
from judging.models import Conflict, JuryMember


@dataclass
class SlotPanel:
    slot: object
    panel: list = field(default_factory=list)
    """The jury members (users) who hear and score the pitch."""
    out: list = field(default_factory=list)
    """``(user, conflict)``: left out, and why."""


def slot_panels(*, pitch_day) -> list[SlotPanel]:
    """Every live slot of the day with its panel and who is out. Three queries."""
    slots = list(
        pitch_day.slots.filter(cancelled_at=None).select_related("entry").order_by("position")
    )
    seats = list(
        JuryMember.objects.filter(
            category_id=pitch_day.round.category_id, active=True, user__isnull=False
        )
        .select_related("user")
        .order_by("role", "user__display_name", "user__email")
    )
    conflicts = {
        (c.judge_id, c.entry_id): c
        for c in Conflict.objects.filter(
            entry_id__in=[s.entry_id for s in slots],
            judge_id__in=[s.user_id for s in seats],
            status=ConflictStatus.CONFIRMED,
        )
    }
    panels = []
    for slot in slots:
        panel = SlotPanel(slot=slot)
        for seat in seats:
            found = conflicts.get((seat.user_id, slot.entry_id))
            if found is None:
                panel.panel.append(seat.user)
            else:
                panel.out.append((seat.user, found))
        panels.append(panel)
    return panels
