"""Route sweep for the screening, ranking and pairwise pages (judging/views/ballots.py)."""

from judging.enums import RoundMode
from judging.models import PairComparison
from tests.judging.builders import assign, judged_round

JUDGE_ONLY = (302, 404, 404, 200, 404, 404, 404, 404)
POST_ONLY = (405, 405, 405, 405, 405, 405, 405, 405)
SIGNED_IN_POST_ONLY = (302, 405, 405, 405, 405, 405, 405, 405)
CHAIRS_ONLY = (404, 404, 404, 404, 404, 404, 200, 200)

ROUTES = {
    "judging:ballot-edit": (lambda o: {"round_id": o["screening_round"].pk}, JUDGE_ONLY),
    "judging:screening-answer": (
        lambda o: {"assignment_id": o["screening_assignment"].pk},
        POST_ONLY,
    ),
    "judging:screening-submit": (
        lambda o: {"round_id": o["screening_round"].pk},
        SIGNED_IN_POST_ONLY,
    ),
    "judging:ranking-save": (lambda o: {"round_id": o["ranking_round"].pk}, SIGNED_IN_POST_ONLY),
    "judging:pair-answer": (lambda o: {"pk": o["pair"].pk}, SIGNED_IN_POST_ONLY),
    "judging:ballot-results": (lambda o: {"round_id": o["pairwise_round"].pk}, CHAIRS_ONLY),
    "judging:ballot-export": (lambda o: {"round_id": o["ranking_round"].pk}, CHAIRS_ONLY),
}

POST_ALLOWED = {
    "judging:screening-answer": {"judge"},
    "judging:screening-submit": {"judge"},
    "judging:ranking-save": {"judge"},
    "judging:pair-answer": {"judge"},
}


def world_extend(world) -> None:
    """A round of each mode in the jury's category: the judge has both entries, the conflicted
    judge only the entry they are conflicted with (so none they may see)."""
    o, people = world.objects, world.people
    for mode in (RoundMode.SCREENING, RoundMode.RANKING, RoundMode.PAIRWISE):
        round = judged_round(category=o["category"], criteria=0, mode=mode, position=10 + len(mode))
        mine = [
            assign(round=round, judge=people["judge"], entry=entry)
            for entry in (o["entry"], o["other_entry"])
        ]
        assign(round=round, judge=people["conflicted_judge"], entry=o["entry"])
        o[f"{mode}_round"] = round
        o[f"{mode}_assignment"] = mine[0]
    o["pair"] = PairComparison.objects.create(
        round=o["pairwise_round"],
        judge=people["judge"],
        first=o["entry"],
        second=o["other_entry"],
    )
    _pitch_day_extend(world)


# The pitch day (finals/): organisers run it; the finalist's team sees its slot; the calendar
# file is for the team, the slot's panel (the seated jury less the conflicted) and organisers.
ORGANISER_ONLY = (404, 404, 404, 404, 404, 404, 404, 200)

ROUTES.update(
    {
        "finals:pitch-day-detail": (lambda o: {"pk": o["pitch_day"].pk}, ORGANISER_ONLY),
        "finals:pitch-day-schedule": (lambda o: {"pk": o["pitch_day"].pk}, POST_ONLY),
        "finals:pitch-slot-swap": (lambda o: {"pk": o["pitch_day"].pk}, POST_ONLY),
        "finals:pitch-slot-cancel": (lambda o: {"pk": o["pitch_slot"].pk}, POST_ONLY),
        "finals:slot-request-decide": (lambda o: {"pk": o["slot_request"].pk}, POST_ONLY),
        "finals:slot-detail": (
            lambda o: {"pk": o["pitch_slot"].pk},
            (302, 200, 404, 404, 404, 404, 404, 200),
        ),
        "finals:slot-ics": (
            lambda o: {"pk": o["pitch_slot"].pk},
            (302, 200, 404, 200, 404, 404, 200, 200),
        ),
    }
)
POST_ALLOWED.update(
    {
        "finals:pitch-day-schedule": {"organiser"},
        "finals:pitch-slot-swap": {"organiser"},
        "finals:pitch-slot-cancel": {"organiser"},
        "finals:slot-request-decide": {"organiser"},
        "finals:slot-detail": {"entrant"},
    }
)


def _pitch_day_extend(world) -> None:
    from finals.models import PitchDay
    from finals.services import pitch_day_schedule, slot_request_create
    from judging.models import RoundEntry

    o, people = world.objects, world.people
    round = judged_round(category=o["category"], criteria=1, position=30, name_en="Pitch")
    for entry in (o["entry"], o["other_entry"]):
        RoundEntry.objects.create(round=round, entry=entry)
    day = PitchDay.objects.create(round=round, starts_at=round.opens_at, place="Flemingsberg")
    slots = pitch_day_schedule(pitch_day=day, by=people["organiser"])
    slot = next(s for s in slots if s.entry_id == o["entry"].pk)
    o["pitch_day"], o["pitch_slot"] = day, slot
    o["slot_request"] = slot_request_create(slot=slot, by=people["entrant"], message="Later?")
