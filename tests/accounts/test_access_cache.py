"""Permissions and the second factor come from a cached snapshot that every change drops: a
change made after a page was served applies on the very next page (`accounts.access_cache`)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ENTRIES = "submissions:organiser-edition-list"


def view_entry() -> Permission:
    return Permission.objects.get(content_type__app_label="submissions", codename="view_entry")


@pytest.fixture
def staff(settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    return UserFactory(is_staff=True)


def test_a_permission_given_after_a_page_shows_on_the_next(client, staff):
    client.force_login(staff)
    before = client.get(reverse("home")).content.decode()

    staff.user_permissions.add(view_entry())
    after = client.get(reverse("home")).content.decode()

    link = f'href="{reverse(ALL_ENTRIES)}"'
    assert (link in before, link in after) == (False, True)


def test_a_permission_taken_from_a_group_applies_on_the_next_page(client, staff):
    group = Group.objects.create(name="Readers")
    group.permissions.add(view_entry())
    staff.groups.add(group)
    client.force_login(staff)
    assert client.get(reverse(ALL_ENTRIES)).status_code == 200

    group.permissions.remove(view_entry())

    assert client.get(reverse(ALL_ENTRIES)).status_code in (403, 404)


def test_leaving_a_group_applies_on_the_next_page(client, staff):
    group = Group.objects.create(name="Readers")
    group.permissions.add(view_entry())
    staff.groups.add(group)
    client.force_login(staff)
    assert client.get(reverse(ALL_ENTRIES)).status_code == 200

    group.user_set.clear()

    assert client.get(reverse(ALL_ENTRIES)).status_code in (403, 404)


def test_a_deleted_group_takes_its_permissions_along(client, staff):
    group = Group.objects.create(name="Readers")
    group.permissions.add(view_entry())
    staff.groups.add(group)
    client.force_login(staff)
    assert client.get(reverse(ALL_ENTRIES)).status_code == 200

    group.delete()

    assert client.get(reverse(ALL_ENTRIES)).status_code in (403, 404)


def test_removing_the_authenticator_asks_for_a_new_one_on_the_next_page(client, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = True
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    assert client.get(reverse("home")).status_code == 200

    Authenticator.objects.filter(user=staff).delete()
    response = client.get(reverse("home"))

    assert (response.status_code, response.url) == (302, reverse("mfa_activate_totp"))


def test_a_warm_staff_page_reads_neither_permissions_nor_authenticators(client, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = True
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(view_entry())
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    client.get(reverse("home"))

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))

    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "auth_permission" not in tables and "mfa_authenticator" not in tables
