"""factory_boy factories, one module per app; import them from here."""

from tests.factories.accounts import UserFactory
from tests.factories.awards import (
    AwardFactory,
    AwardOrganiserFactory,
    CategoryFactory,
    EditionFactory,
    WinnerFactory,
    WinnerPhotoFactory,
)
from tests.factories.judging import (
    AssignmentFactory,
    ConflictFactory,
    CriterionFactory,
    JuryMemberFactory,
    ReviewFactory,
    RoundEntryFactory,
    RoundFactory,
    ScoreFactory,
)
from tests.factories.submissions import (
    AnswerFactory,
    EntryFactory,
    EntryVersionFactory,
    QuestionFactory,
    TeamInvitationFactory,
    TeamMemberFactory,
)

__all__ = [
    "AwardOrganiserFactory",
    "AnswerFactory",
    "AssignmentFactory",
    "AwardFactory",
    "ConflictFactory",
    "CategoryFactory",
    "CriterionFactory",
    "EditionFactory",
    "EntryFactory",
    "EntryVersionFactory",
    "JuryMemberFactory",
    "QuestionFactory",
    "ReviewFactory",
    "RoundEntryFactory",
    "RoundFactory",
    "ScoreFactory",
    "TeamInvitationFactory",
    "TeamMemberFactory",
    "UserFactory",
    "WinnerFactory",
    "WinnerPhotoFactory",
]
