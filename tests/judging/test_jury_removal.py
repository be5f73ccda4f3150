"""Taking someone off a jury from the chair's jury page (judging.services.jury, views.jury)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from judging.enums import JuryRole, ReviewStatus
from judging.models import Assignment, JuryMember
from judging.services.jury import (
    jury_invitation_accept,
    jury_member_reinstate,
    jury_member_remove,
)
from tests.factories import JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, judged_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury():
    """A judge with three assignments: one not started, one drafted, one submitted."""
    round = judged_round()
    judge = UserFactory()
    untouched = assign(round=round, judge=judge)
    drafted = assign(round=round, judge=judge)
    submitted = assign(round=round, judge=judge)
    ReviewFactory(assignment=drafted)
    ReviewFactory(assignment=submitted, status=ReviewStatus.SUBMITTED)
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    seat = JuryMember.objects.get(user=judge, category=round.category)
    return {
        "round": round,
        "seat": seat,
        "chair": chair,
        "untouched": untouched,
        "kept": [drafted, submitted],
    }


def test_remove_deactivates_the_seat_releases_unstarted_work_and_audits(jury):
    released = jury_member_remove(member=jury["seat"], by=jury["chair"])

    jury["seat"].refresh_from_db()
    remaining = set(Assignment.objects.values_list("pk", flat=True))
    event = AuditEvent.objects.get(action="jury.remove")
    assert released == 1
    assert jury["seat"].active is False
    assert remaining == {a.pk for a in jury["kept"]}
    assert (event.actor, event.data["released"]) == (jury["chair"], 1)
    assert AuditEvent.objects.filter(action="assignment.remove").count() == 1


def test_remove_twice_or_oneself_is_refused(jury):
    chair_seat = JuryMember.objects.get(user=jury["chair"])
    jury_member_remove(member=jury["seat"], by=jury["chair"])

    with pytest.raises(ValidationError) as twice:
        jury_member_remove(member=jury["seat"], by=jury["chair"])
    with pytest.raises(ValidationError) as oneself:
        jury_member_remove(member=chair_seat, by=jury["chair"])

    assert (twice.value.code, oneself.value.code) == ("removed", "self")


def test_a_withdrawn_invitation_link_no_longer_works(jury):
    invitation = JuryMemberFactory(category=jury["round"].category, user=None, accepted_at=None)
    jury_member_remove(member=invitation, by=jury["chair"])

    with pytest.raises(ValidationError) as refused:
        jury_invitation_accept(token=invitation.token, user=UserFactory())

    assert refused.value.code == "withdrawn"


def test_reinstate_gives_the_seat_back_and_audits(jury):
    jury_member_remove(member=jury["seat"], by=jury["chair"])

    jury_member_reinstate(member=jury["seat"], by=jury["chair"])

    jury["seat"].refresh_from_db()
    assert jury["seat"].active is True
    assert AuditEvent.objects.filter(action="jury.reinstate").count() == 1


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
