"""Jury invitations: sent by the chair, accepted once by whichever account follows the link."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from judging.enums import ConflictStatus, JuryRole
from judging.models import Conflict, JuryMember
from submissions.enums import EntryStatus
from tests.factories import CategoryFactory, EntryFactory, JuryMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair():
    return JuryMemberFactory(role=JuryRole.CHAIR, category=CategoryFactory()).user


def invitation(category, email="invited@ki.se"):
    return JuryMember.objects.create(category=category, email=email)


def test_jury_list_invite_sends_a_single_use_link(client, chair):
    category = chair.jury_memberships.get().category
    client.force_login(chair)

    response = client.post(
        reverse("judging:jury-list", args=[category.pk]),
        {"email": "ada@ki.se", "name": "Ada", "role": "judge"},
    )

    member = JuryMember.objects.get(email="ada@ki.se")
    link = reverse("judging:invitation-accept", args=[member.token])
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["ada@ki.se"]]
    assert link in mail.outbox[0].body
    assert (member.user, member.invited_at is not None) == (None, True)
    assert AuditEvent.objects.filter(action="jury.invite").count() == 1


def test_jury_invitation_reaches_a_known_person_in_their_language(client, chair):
    category = chair.jury_memberships.get().category
    UserFactory(email="ada@ki.se", language="sv")
    client.force_login(chair)

    client.post(
        reverse("judging:jury-list", args=[category.pk]),
        {"email": "ada@ki.se", "name": "Ada", "role": "judge"},
    )
    client.post(
        reverse("judging:jury-list", args=[category.pk]),
        {"email": "newcomer@ki.se", "name": "New", "role": "judge"},
    )

    bodies = {message.to[0]: message.body for message in mail.outbox}
    swedish_link = "/sv" + reverse(
        "judging:invitation-accept", args=[JuryMember.objects.get(email="ada@ki.se").token]
    )
    assert bodies["ada@ki.se"].startswith("Hej!") and swedish_link in bodies["ada@ki.se"]
    # The chair works in English: a newcomer's invitation is in English.
    assert bodies["newcomer@ki.se"].startswith("Hello,") and "/sv/" not in bodies["newcomer@ki.se"]


def test_jury_list_refuses_inviting_the_same_address_twice(client, chair):
    category = chair.jury_memberships.get().category
    invitation(category, "ada@ki.se")
    client.force_login(chair)

    response = client.post(
        reverse("judging:jury-list", args=[category.pk]),
        {"email": "ADA@ki.se", "role": "judge"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "ADA@ki.se is already invited to this jury."
    ]


def test_jury_list_shows_who_has_not_accepted(client, chair):
    category = chair.jury_memberships.get().category
    invitation(category, "late@ki.se")
    client.force_login(chair)

    response = client.get(reverse("judging:jury-list", args=[category.pk]))

    assert [member.email for member in response.context["pending"]] == ["late@ki.se"]
    assert "Not sent" in response.content.decode()


def test_jury_list_is_404_for_a_judge(client, chair):
    category = chair.jury_memberships.get().category
    judge = JuryMemberFactory(category=category).user
    client.force_login(judge)

    response = client.get(reverse("judging:jury-list", args=[category.pk]))

    assert response.status_code == 404


def test_jury_resend_by_chair_and_404_for_another_chair(client, chair):
    member = invitation(chair.jury_memberships.get().category)
    client.force_login(JuryMemberFactory(role=JuryRole.CHAIR).user)
    refused = client.post(reverse("judging:jury-resend", args=[member.pk])).status_code
    client.force_login(chair)

    response = client.post(reverse("judging:jury-resend", args=[member.pk]))

    assert (refused, response.status_code) == (404, 302)
    assert [message.to for message in mail.outbox] == [["invited@ki.se"]]
    assert AuditEvent.objects.filter(action="jury.invitation_resend").count() == 1


def test_invitation_accept_asks_an_anonymous_visitor_to_sign_in_or_up(client):
    member = invitation(CategoryFactory())
    url = reverse("judging:invitation-accept", args=[member.token])

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{reverse('account_login')}?next={url}" in page.replace("%2F", "/")
    assert f"{reverse('account_signup')}?next={url}" in page.replace("%2F", "/")


def test_invitation_accept_binds_an_account_with_another_address(client):
    member = invitation(CategoryFactory(), "invited@ki.se")
    judge = UserFactory(email="private@gmail.com")
    client.force_login(judge)

    response = client.post(reverse("judging:invitation-accept", args=[member.token]))

    member.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("judging:conflict-declare")
    assert (member.user, member.accepted_at is not None) == (judge, True)
    event = AuditEvent.objects.get(action="jury.accept")
    assert event.data == {"invited_email": "invited@ki.se", "account_email": "private@gmail.com"}


def test_invitation_accept_works_only_once(client):
    member = invitation(CategoryFactory())
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(reverse("judging:invitation-accept", args=[member.token]))
    client.force_login(second)

    response = client.post(reverse("judging:invitation-accept", args=[member.token]), follow=True)

    member.refresh_from_db()
    assert member.user == first
    assert "already been used" in response.content.decode()
    assert not JuryMember.objects.filter(user=second).exists()


def test_invitation_accept_unknown_token_is_404(client, user):
    client.force_login(user)

    response = client.post(reverse("judging:invitation-accept", args=["not-a-token"]))

    assert response.status_code == 404


def test_invitation_accept_refuses_an_account_already_on_the_jury(client):
    existing = JuryMemberFactory()
    member = invitation(existing.category)
    client.force_login(existing.user)

    client.post(reverse("judging:invitation-accept", args=[member.token]))

    member.refresh_from_db()
    assert member.user is None


def test_invitation_accept_flags_affiliation_conflicts(client):
    category = CategoryFactory()
    entry = EntryFactory(
        category=category,
        status=EntryStatus.SUBMITTED,
        owner=UserFactory(email="sally@gmail.com", organisation=""),
        organisation="Karolinska Institutet",
    )
    member = invitation(category, "prof@ki.se")
    client.force_login(UserFactory(email="prof@gmail.com", organisation="Karolinska institutet"))

    client.post(reverse("judging:invitation-accept", args=[member.token]))

    assert list(Conflict.objects.values_list("entry_id", "status")) == [
        (entry.pk, ConflictStatus.FLAGGED)
    ]


def test_jury_page_offers_remove_and_the_confirmation_says_what_happens(client, jury):
    client.force_login(jury["chair"])
    remove_url = reverse("judging:jury-remove", args=[jury["seat"].pk])

    listing = client.get(reverse("judging:jury-list", args=[jury["round"].category_id]))
    confirm = client.get(remove_url)

    assert f'href="{remove_url}"' in listing.content.decode()
    body = confirm.content.decode()
    assert "1 review they have not started is released" in body
    assert "2 reviews they began or submitted stay on record." in body


def test_remove_by_post_then_the_page_shows_removed_with_reinstate(client, jury):
    client.force_login(jury["chair"])

    response = client.post(reverse("judging:jury-remove", args=[jury["seat"].pk]), follow=True)

    body = response.content.decode()
    assert "unstarted review was released" in body
    assert reverse("judging:jury-reinstate", args=[jury["seat"].pk]) in body
    assert "removed" in body


def test_another_categorys_chair_cannot_remove(client, jury):
    other_chair = JuryMemberFactory(role=JuryRole.CHAIR).user
    client.force_login(other_chair)

    response = client.post(reverse("judging:jury-remove", args=[jury["seat"].pk]))

    jury["seat"].refresh_from_db()
    assert response.status_code == 404
    assert jury["seat"].active is True
