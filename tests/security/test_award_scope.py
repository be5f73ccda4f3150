"""Organisers belong to an award: an organiser of another award, with every permission, sees none
of this award's organiser or chair pages and changes nothing in it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from submissions.enums import Eligibility
from tests.clients import LaurelClient as Client
from tests.factories import AwardOrganiserFactory, UserFactory
from tests.security.world import world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_build()


@pytest.fixture
def outsider(world):
    """Staff with two-factor and every organiser permission, organising another award."""
    user = UserFactory(email="outsider@example.org", is_staff=True)
    TOTP.activate(user, generate_totp_secret())
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["awards", "submissions", "judging"])
    )
    AwardOrganiserFactory(user=user)
    client = Client()
    client.force_login(user)
    return client


def _pages(o) -> list[str]:
    edition, category, round_ = o["edition"], o["category"], o["round"]
    return [
        reverse("submissions:organiser-entry-list", args=[edition.pk]),
        reverse("submissions:organiser-entry-export", args=[edition.pk]),
        reverse("submissions:organiser-audit-list", args=[edition.pk]),
        reverse("submissions:organiser-entry-detail", args=[o["entry"].pk]),
        reverse("submissions:attachment-download", args=[o["attachment"].pk]),
        reverse("judging:jury-list", args=[category.pk]),
        reverse("judging:conflict-list", args=[category.pk]),
        reverse("judging:assignment-list", args=[round_.pk]),
        reverse("judging:round-progress", args=[round_.pk]),
        reverse("judging:round-results", args=[round_.pk]),
        reverse("public:winner-preview", args=[o["draft_winner"].pk]),
        reverse("console:organiser-list", args=[edition.award.pk]),
    ]


def test_an_organiser_of_another_award_gets_404_on_every_page(world, outsider):
    statuses = {url: outsider.get(url).status_code for url in _pages(world.objects)}

    assert {url: s for url, s in statuses.items() if s != 404} == {}


def test_the_awards_own_organiser_opens_the_same_pages(world):
    client = Client()
    client.force_login(world.people["organiser"])

    statuses = {url: client.get(url).status_code for url in _pages(world.objects)}

    # On S3 a permitted download is a redirect to a short-lived signed URL.
    on_s3 = settings.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    opened = {200, 302} if on_s3 else {200}
    assert {url: s for url, s in statuses.items() if s not in opened} == {}


def test_an_organiser_of_another_award_changes_nothing(world, outsider):
    entry = world.objects["entry"]

    response = outsider.post(
        reverse("submissions:organiser-entry-eligibility", args=[entry.pk]),
        {"eligibility": "ineligible", "reason": "Not ours"},
    )

    entry.refresh_from_db()
    assert (response.status_code, entry.eligibility) == (404, Eligibility.UNCHECKED)


def test_the_dashboard_and_edition_list_leave_other_awards_out(world, outsider):
    award = world.objects["edition"].award

    dashboard = outsider.get(reverse("console:dashboard"))
    editions = outsider.get(reverse("submissions:organiser-edition-list"))

    assert award.name_en not in dashboard.content.decode()
    assert award.name_en not in editions.content.decode()
