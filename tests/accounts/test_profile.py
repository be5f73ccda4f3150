import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_edit_saves_display_name_and_organisation(client):
    user = UserFactory(display_name="Old", organisation="Old Org")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Sally Sow", "organisation": "Turn UP AB"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.organisation) == ("Sally Sow", "Turn UP AB")


def test_profile_edit_ignores_other_fields(client):
    user = UserFactory()
    client.force_login(user)

    client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "X", "organisation": "Y", "is_staff": "on", "email": "evil@example.org"},
    )

    user.refresh_from_db()
    assert (
        user.is_staff,
        user.email.endswith("@example.org"),
        user.email != "evil@example.org",
    ) == (
        False,
        True,
        True,
    )


def test_profile_edit_requires_sign_in(client):
    response = client.get(reverse("accounts:profile-edit"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_pages_for_signed_in_users_are_not_stored(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:profile-edit"))

    assert "no-store" in response["Cache-Control"]
