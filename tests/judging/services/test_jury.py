"""Taking someone off a jury from the chair's jury page (judging.services.jury, views.jury)."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from judging.models import Assignment, JuryMember
from judging.services.jury import (
    jury_invitation_accept,
    jury_member_reinstate,
    jury_member_remove,
)
from tests.factories import JuryMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


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
