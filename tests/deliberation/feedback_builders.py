"""A scored round of four entries for the feedback tests: the entrant's scores best on the
first criterion and worst on the second."""

from dataclasses import dataclass

from judging.enums import ReviewStatus
from tests.factories import ReviewFactory, ScoreFactory, UserFactory
from tests.judging.builders import assign, judged_round


@dataclass
class Scored:
    round: object
    entry: object
    entrant: object
    reviews: list


def scored_round(**round_fields) -> Scored:
    round = judged_round(**round_fields)
    first, second = round.criteria.all()
    entrant = UserFactory(display_name="Sally Sow")
    judges = [UserFactory(display_name="Ada Judge"), UserFactory(display_name="Bo Judge")]
    mine_reviews = []
    mine = None
    for index, (a, b) in enumerate([(5, 1), (4, 2), (3, 3), (2, 4)]):
        entry = None
        for judge in judges:
            assignment = assign(
                round=round,
                judge=judge,
                entry=entry,
                owner=entrant if index == 0 and entry is None else None,
                title="Turn UP" if index == 0 else f"Idea {index}",
            )
            entry = assignment.entry
            review = ReviewFactory(
                assignment=assignment,
                status=ReviewStatus.SUBMITTED,
                feedback=f"Feedback by {judge.display_name}" if index == 0 else "",
            )
            ScoreFactory(review=review, criterion=first, value=a)
            ScoreFactory(review=review, criterion=second, value=b)
            if index == 0:
                mine_reviews.append(review)
        if index == 0:
            mine = entry
    return Scored(round=round, entry=mine, entrant=entrant, reviews=mine_reviews)
