"""Inviting the jury from the console, through the jury's own invitation service."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from judging.models import JuryMember
from tests.factories import CategoryFactory, EditionFactory, JuryMemberFactory

pytestmark = pytest.mark.django_db


def test_organiser_invites_a_judge_from_the_console(client, organiser, award):
    category = CategoryFactory(edition=EditionFactory(award=award))
    client.force_login(organiser)

    response = client.post(
        reverse("console:jury-invite", args=[category.pk]),
        {"email": "judge@ki.se", "name": "Jo Judge", "role": "judge"},
    )

    assert response.status_code == 302
    assert list(JuryMember.objects.values_list("category", "email")) == [
        (category.pk, "judge@ki.se")
    ]
    assert [m.to for m in mail.outbox] == [["judge@ki.se"]]
    assert AuditEvent.objects.filter(action="jury.invite").count() == 1


def test_inviting_someone_already_invited_says_so_beside_the_address(client, organiser, award):
    category = CategoryFactory(edition=EditionFactory(award=award))
    JuryMemberFactory(category=category, email="judge@ki.se", user=None)
    client.force_login(organiser)

    response = client.post(
        reverse("console:jury-invite", args=[category.pk]),
        {"email": "judge@ki.se", "role": "judge"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]


def test_jury_invite_is_404_for_another_awards_organiser(client, organiser):
    category = CategoryFactory()
    client.force_login(organiser)

    response = client.post(
        reverse("console:jury-invite", args=[category.pk]), {"email": "x@example.org"}
    )

    assert response.status_code == 404
    assert JuryMember.objects.count() == 0
