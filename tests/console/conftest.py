import pytest

from awards.organisers import organisers_group
from tests.factories import AwardFactory, AwardOrganiserFactory, UserFactory


@pytest.fixture
def award(db):
    return AwardFactory(slug="fsa", code="FSA", name_en="Flemingsberg Science Award")


@pytest.fixture
def organiser(award, settings):
    """An organiser of `award` (staff, in the organisers' group); two-factor is another test's
    concern."""
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    user = UserFactory(is_staff=True, email="organiser@example.org")
    user.groups.add(organisers_group())
    AwardOrganiserFactory(award=award, user=user)
    return user
