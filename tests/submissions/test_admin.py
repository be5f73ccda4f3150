"""The admin's entry and category pages."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import (
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_category_admin_edits_questions_inline(client, category, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    QuestionFactory(category=category, label_en="Describe the idea")

    response = client.get(reverse("admin:awards_category_change", args=[category.pk]))

    assert response.status_code == 200
    assert "Describe the idea" in response.content.decode()
    assert "questions-TOTAL_FORMS" in response.content.decode()


def test_entry_admin_shows_the_category_read_only(client, entry):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)

    change = client.get(reverse("admin:submissions_entry_change", args=[entry.pk]))
    add = client.get(reverse("admin:submissions_entry_add"))

    assert change.status_code == 200
    assert 'name="category"' not in change.text
    assert entry.category.name_en in change.text
    assert 'name="category"' in add.text
