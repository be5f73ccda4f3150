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
