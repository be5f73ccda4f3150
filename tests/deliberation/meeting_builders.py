"""A closed, scored round with a chair, ready for a jury meeting."""

from judging.enums import JuryRole, RoundStatus
from tests.deliberation.feedback_builders import scored_round
from tests.factories import JuryMemberFactory


def closed_round(**round_fields):
    scored = scored_round(**round_fields)
    scored.round.status = RoundStatus.CLOSED
    scored.round.save()
    scored.chair = JuryMemberFactory(category=scored.round.category, role=JuryRole.CHAIR).user
    scored.judge = scored.reviews[0].assignment.judge
    return scored
