"""Fixtures shared by the judging tests of services and views."""

import pytest

from judging.enums import JuryRole, ReviewStatus
from judging.models import JuryMember
from tests.factories import JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, judged_round


@pytest.fixture
def jury():
    """A judge with three assignments: one not started, one drafted, one submitted."""
    round = judged_round()
    judge = UserFactory()
    untouched = assign(round=round, judge=judge)
    drafted = assign(round=round, judge=judge)
    submitted = assign(round=round, judge=judge)
    ReviewFactory(assignment=drafted)
    ReviewFactory(assignment=submitted, status=ReviewStatus.SUBMITTED)
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    seat = JuryMember.objects.get(user=judge, category=round.category)
    return {
        "round": round,
        "seat": seat,
        "chair": chair,
        "untouched": untouched,
        "kept": [drafted, submitted],
    }
