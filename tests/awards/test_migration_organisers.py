"""awards 0006: staff who organised before awards had organisers keep their access."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from awards.models import AwardOrganiser
from tests.factories import AwardFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("awards.migrations.0006_award_organisers_from_staff")


def test_staff_with_organiser_permissions_organise_every_existing_award():
    first, second = AwardFactory(), AwardFactory()
    direct = UserFactory(is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="view_entry"))
    grouped = UserFactory(is_staff=True)
    group = Group.objects.create(name="Old organisers")
    group.permissions.add(Permission.objects.get(codename="change_round"))
    grouped.groups.add(group)
    UserFactory(is_staff=True)  # staff without permissions: not an organiser
    UserFactory(is_staff=True, is_superuser=True)  # runs every award anyway
    entrant = UserFactory()
    entrant.user_permissions.add(Permission.objects.get(codename="view_entry"))

    migration.staff_to_organisers(apps, None)

    assert sorted(AwardOrganiser.objects.values_list("user_id", "award_id")) == sorted(
        [
            (direct.pk, first.pk),
            (direct.pk, second.pk),
            (grouped.pk, first.pk),
            (grouped.pk, second.pk),
        ]
    )
