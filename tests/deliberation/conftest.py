"""A panel of the jury around one entry: two judges assigned, the chair, a conflicted judge and
an unassigned one, all seated on the category's jury."""

from dataclasses import dataclass

import pytest

from judging.enums import JuryRole, ReviewStatus, Visibility
from tests.factories import JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round


@dataclass
class Panel:
    round: object
    entry: object
    first: object
    second: object
    chair: object
    conflicted: object
    unassigned: object
    first_assignment: object
    second_assignment: object

    def submit(self, assignment):
        ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED)


def panel_build(*, visibility=Visibility.AFTER_OWN_REVIEW, blind=True) -> Panel:
    round = judged_round(visibility=visibility, blind=blind)
    first, second = UserFactory(display_name="Ada Judge"), UserFactory(display_name="Bo Judge")
    first_assignment = assign(round=round, judge=first, title="Turn UP")
    entry = first_assignment.entry
    second_assignment = assign(round=round, judge=second, entry=entry)
    conflicted = UserFactory()
    assign(round=round, judge=conflicted, entry=entry)
    conflict(judge=conflicted, entry=entry)
    unassigned = JuryMemberFactory(category=round.category).user
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    return Panel(
        round=round,
        entry=entry,
        first=first,
        second=second,
        chair=chair,
        conflicted=conflicted,
        unassigned=unassigned,
        first_assignment=first_assignment,
        second_assignment=second_assignment,
    )


@pytest.fixture
def panel(db):
    return panel_build()
