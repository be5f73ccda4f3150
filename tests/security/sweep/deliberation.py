"""Deliberation's routes: the jury's discussion of entries, feedback and meetings."""

from deliberation.models import Message

JURY = {"judge", "chair", "organiser"}


def world_extend(world) -> None:
    o = world.objects
    o["message"] = Message.objects.create(
        round=o["round"], entry=o["entry"], author=o["judge"], body="Strong idea."
    )


def _discussion(o):
    return {"round_id": o["round"].pk, "entry_id": o["entry"].pk}


ROUTES = {
    "deliberation:round-discussions": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 200, 404, 404, 200, 200),
    ),
    "deliberation:discussion-detail": (_discussion, (302, 404, 404, 200, 404, 404, 200, 200)),
    "deliberation:message-edit": (
        lambda o: {"pk": o["message"].pk},
        (302, 404, 404, 200, 404, 404, 404, 404),
    ),
    "deliberation:message-withdraw": (
        lambda o: {"pk": o["message"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
}

POST_ALLOWED = {
    "deliberation:discussion-detail": JURY,
    "deliberation:message-edit": {"judge"},
    "deliberation:message-withdraw": {"judge"},
}
