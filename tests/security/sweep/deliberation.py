"""Deliberation's routes: the jury's discussion of entries, feedback and meetings."""

from deliberation.models import Message
from judging.enums import ReviewStatus
from tests.factories import ReviewFactory

JURY = {"judge", "chair", "organiser"}
CHAIRS = {"chair", "organiser"}


def world_extend(world) -> None:
    o = world.objects
    o["message"] = Message.objects.create(
        round=o["round"], entry=o["entry"], author=o["judge"], body="Strong idea."
    )
    o["review_with_feedback"] = ReviewFactory(
        assignment=o["assignment"], status=ReviewStatus.SUBMITTED, feedback="A clear plan."
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
    "deliberation:feedback-moderation": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "deliberation:feedback-comment-moderate": (
        lambda o: {"round_id": o["round"].pk, "review_id": o["review_with_feedback"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
    "deliberation:feedback-release-rest": (
        lambda o: {"round_id": o["round"].pk},
        (302, 405, 405, 405, 405, 405, 405, 405),
    ),
}

POST_ALLOWED = {
    "deliberation:feedback-moderation": CHAIRS,
    "deliberation:feedback-comment-moderate": CHAIRS,
    "deliberation:feedback-release-rest": CHAIRS,
    "deliberation:discussion-detail": JURY,
    "deliberation:message-edit": {"judge"},
    "deliberation:message-withdraw": {"judge"},
}
