"""factory_boy factories, one module per app; import them from here."""

from tests.factories.accounts import UserFactory
from tests.factories.awards import AwardFactory, CategoryFactory, EditionFactory, WinnerFactory
from tests.factories.judging import (
    AssignmentFactory,
    CriterionFactory,
    JuryMemberFactory,
    RoundFactory,
)
from tests.factories.submissions import AnswerFactory, EntryFactory, QuestionFactory

__all__ = [
    "AnswerFactory",
    "AssignmentFactory",
    "AwardFactory",
    "CategoryFactory",
    "CriterionFactory",
    "EditionFactory",
    "EntryFactory",
    "JuryMemberFactory",
    "QuestionFactory",
    "RoundFactory",
    "UserFactory",
    "WinnerFactory",
]
