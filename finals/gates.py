"""Scoring of a finalist opens for the panel at the start of the finalist's slot."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def pitch_slot_gate(*, assignment, round, now) -> str | None:
    """The reason a judge may not score a finalist yet (see `judging.review_gates`). The slot
    times of the round are read once per round object, so a page listing many entries makes
    one query."""
    from finals.models import PitchSlot

    starts = getattr(round, "_laurel_pitch_starts", None)
    if starts is None:
        starts = dict(
            PitchSlot.objects.filter(pitch_day__round_id=round.pk, cancelled_at=None).values_list(
                "entry_id", "starts_at"
            )
        )
        round._laurel_pitch_starts = starts
    begins = starts.get(assignment.entry_id)
    if begins is not None and now < begins:
        return _("Scoring of this finalist opens when their pitch starts, %(time)s.") % {
            "time": date_format(timezone.localtime(begins), "DATETIME_FORMAT")
        }
    return None
