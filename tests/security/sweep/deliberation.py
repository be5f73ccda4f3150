"""Deliberation's routes: the jury's discussion of entries, feedback and meetings."""

from deliberation.models import Meeting, Message
from judging.enums import ReviewStatus
from tests.factories import ReviewFactory

JURY = {"judge", "chair", "organiser"}
CHAIRS = {"chair", "organiser"}


def world_extend(world) -> None:
    o = world.objects
    o["message"] = Message.objects.create(
        round=o["round"], entry=o["entry"], author=o["judge"], body="Strong idea."
    )
    o["meeting"] = Meeting.objects.create(
        round=o["round"],
        agenda=[
            {"entry_id": o["entry"].pk, "reference": o["entry"].reference, "settled": False},
            {"entry_id": o["other_entry"].pk, "reference": "", "settled": True},
        ],
        focus_entry=o["entry"],
        started_by=world.people["chair"],
    )
    o["review_with_feedback"] = ReviewFactory(
        assignment=o["assignment"], status=ReviewStatus.SUBMITTED, feedback="A clear plan."
    )


def _discussion(o):
    return {"round_id": o["round"].pk, "entry_id": o["entry"].pk}


def _meeting(o):
    return {"pk": o["meeting"].pk}


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
    "deliberation:meeting-start": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
    "deliberation:meeting-presenter": (_meeting, (302, 404, 404, 404, 404, 404, 200, 200)),
    "deliberation:meeting-minutes": (_meeting, (302, 404, 404, 404, 404, 404, 200, 200)),
    "deliberation:meeting-follow": (_meeting, (302, 404, 404, 200, 200, 404, 200, 200)),
    "deliberation:meeting-focus": (_meeting, (302, 405, 405, 405, 405, 405, 405, 405)),
    "deliberation:meeting-decide": (_meeting, (302, 405, 405, 405, 405, 405, 405, 405)),
    "deliberation:meeting-end": (_meeting, (302, 405, 405, 405, 405, 405, 405, 405)),
    "deliberation:second-look": (
        lambda o: {"round_id": o["round"].pk},
        (302, 404, 404, 404, 404, 404, 200, 200),
    ),
}

POST_ALLOWED = {
    "deliberation:second-look": CHAIRS,
    "deliberation:meeting-start": CHAIRS,
    "deliberation:meeting-focus": CHAIRS,
    "deliberation:meeting-decide": CHAIRS,
    "deliberation:meeting-end": CHAIRS,
    "deliberation:feedback-moderation": CHAIRS,
    "deliberation:feedback-comment-moderate": CHAIRS,
    "deliberation:feedback-release-rest": CHAIRS,
    "deliberation:discussion-detail": JURY,
    "deliberation:message-edit": {"judge"},
    "deliberation:message-withdraw": {"judge"},
}
