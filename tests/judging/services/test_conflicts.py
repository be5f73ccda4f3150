"""Conflicts of interest flagged from affiliations."""

import pytest

from audit.models import AuditEvent
from judging.enums import ConflictSource, ConflictStatus
from judging.models import Conflict
from judging.services.conflicts import conflicts_detect
from submissions.enums import TeamRole
from submissions.models import TeamMember
from tests.factories import (
    CategoryFactory,
    ConflictFactory,
    JuryMemberFactory,
    UserFactory,
)
from tests.judging.builders import submitted


@pytest.mark.django_db
def test_conflicts_detect_flags_shared_domain_and_organisation_once():
    category = CategoryFactory()
    colleague = JuryMemberFactory(
        category=category, user=UserFactory(email="judge@ki.se", organisation="Elsewhere")
    ).user
    stranger = JuryMemberFactory(
        category=category, user=UserFactory(email="judge@gmail.com", organisation="Nowhere")
    ).user
    entry = submitted(
        category, owner=UserFactory(email="sally@gmail.com", organisation=""), organisation="X"
    )
    TeamMember.objects.create(
        entry=entry, user=UserFactory(email="t@stud.ki.se"), role=TeamRole.MEMBER
    )

    flags = conflicts_detect(category=category)
    again = conflicts_detect(category=category)

    assert [(c.entry_id, c.judge_id, c.status, c.source) for c in flags] == [
        (entry.pk, colleague.pk, ConflictStatus.FLAGGED, ConflictSource.AUTOMATIC)
    ]
    assert flags[0].note == "same email domain: ki.se"
    assert again == []
    assert not Conflict.objects.filter(judge=stranger).exists()
    assert AuditEvent.objects.filter(action="conflict.flag").count() == 1


@pytest.mark.django_db
def test_conflicts_detect_does_not_flag_a_dismissed_pair_again():
    category = CategoryFactory()
    judge = JuryMemberFactory(category=category, user=UserFactory(organisation="KI")).user
    entry = submitted(category, organisation="KI")
    ConflictFactory(entry=entry, judge=judge, status=ConflictStatus.DISMISSED)

    assert conflicts_detect(category=category) == []
