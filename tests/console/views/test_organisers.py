"""An award's organisers page: add by email, remove, audited, for the award's organisers only."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from awards.models import AwardOrganiser
from tests.factories import AwardFactory, AwardOrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db


def list_url(award):
    return reverse("console:organiser-list", kwargs={"award_pk": award.pk})


def test_organiser_adds_an_existing_account_by_email(client, organiser, award):
    person = UserFactory(email="anna@flemingsberg.se")
    client.force_login(organiser)

    response = client.post(list_url(award), {"email": "Anna@Flemingsberg.se"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff is True
    assert person.has_perm("submissions.view_entry") is True
    assert list(award.organisers.values_list("user__email", flat=True)) == [
        "organiser@example.org",
        "anna@flemingsberg.se",
    ]
    event = AuditEvent.objects.get(action="award.organiser_add")
    assert (event.actor, event.data["email"]) == (organiser, "anna@flemingsberg.se")


def test_adding_an_unknown_address_says_so_beside_the_field(client, organiser, award):
    client.force_login(organiser)

    response = client.post(list_url(award), {"email": "nobody@example.org"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": ["No account uses this email address. Ask the person to sign up first."]
    }


def test_organiser_removes_another_and_the_last_one_stays(client, organiser, award):
    other = AwardOrganiserFactory(award=award)
    client.force_login(organiser)

    client.post(reverse("console:organiser-remove", kwargs={"pk": other.pk}))
    response = client.post(
        reverse("console:organiser-remove", kwargs={"pk": award.organisers.get().pk}),
        follow=True,
    )

    assert list(award.organisers.values_list("user", flat=True)) == [organiser.pk]
    assert "An award needs at least one organiser" in response.content.decode()
    assert AuditEvent.objects.filter(action="award.organiser_remove").count() == 1


def test_organisers_page_is_404_for_an_organiser_of_another_award(client, organiser):
    elsewhere = AwardFactory()
    membership = AwardOrganiserFactory(award=elsewhere)
    AwardOrganiserFactory(award=elsewhere)
    client.force_login(organiser)

    page = client.get(list_url(elsewhere))
    removal = client.post(reverse("console:organiser-remove", kwargs={"pk": membership.pk}))

    assert (page.status_code, removal.status_code) == (404, 404)
    assert AwardOrganiser.objects.filter(award=elsewhere).count() == 2
