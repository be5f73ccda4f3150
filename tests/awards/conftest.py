import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


@pytest.fixture
def organiser(db, settings):
    """Staff allowed to change winners; two-factor set-up is another test's concern."""
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))
    return user


@pytest.fixture
def superuser(db, settings):
    """The admin is the superusers' back office; two-factor set-up is another test's concern."""
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    return UserFactory(is_staff=True, is_superuser=True)
