import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


@pytest.fixture
def organiser(db, settings):
    """Staff with every permission on awards, entries and judging; two-factor is another test's
    concern."""
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    user = UserFactory(is_staff=True, email="organiser@example.org")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["awards", "submissions", "judging"])
    )
    return user
