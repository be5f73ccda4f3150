"""The judging app's models, one module per noun; every name is importable from here as before
(migrations refer to `judging.models.jury_token`)."""

from judging.models.assignments import Assignment, Reminder
from judging.models.ballots import PairComparison, RankPlace, ScreeningVote
from judging.models.decisions import Decision, ResultsSnapshot
from judging.models.jury import Conflict, JuryMember, jury_token
from judging.models.reviews import Review, Score
from judging.models.revisions import RoundResultsRevision
from judging.models.rounds import Criterion, Round, RoundEntry

__all__ = [
    "Assignment",
    "Conflict",
    "Criterion",
    "Decision",
    "JuryMember",
    "PairComparison",
    "RankPlace",
    "Reminder",
    "ResultsSnapshot",
    "Review",
    "Round",
    "RoundEntry",
    "RoundResultsRevision",
    "Score",
    "ScreeningVote",
    "jury_token",
]
