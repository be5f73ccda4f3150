import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from awards.models import Winner
from publishing.enums import CorrectionStatus, TeamCheckStatus
from publishing.selectors import team_check_done
from publishing.services.team_check import (
    correction_accept,
    correction_decline,
    team_check_approve,
    team_check_invite,
    team_check_propose,
    team_check_waive,
)
from tests.factories import WinnerFactory
from tests.publishing.builders import decide, judged_season, organiser_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def season():
    return judged_season()


@pytest.fixture
def draft(season):
    decide(season, season["entries"][0])
    return Winner.objects.get(entry=season["entries"][0])


def test_invite_refuses_a_page_without_an_entry():
    with pytest.raises(ValidationError) as error:
        team_check_invite(winner=WinnerFactory(), by=organiser_user())

    assert error.value.code == "no_team"


def test_propose_without_a_change_is_refused(season, draft):
    team_check_invite(winner=draft, by=organiser_user())

    with pytest.raises(ValidationError) as error:
        team_check_propose(winner=draft, proposals={}, by=season["member"])

    assert error.value.code == "no_change"


def test_someone_off_the_team_may_not_answer(season, draft):
    team_check_invite(winner=draft, by=organiser_user())

    with pytest.raises(PermissionDenied):
        team_check_approve(winner=draft, by=season["entries"][1].owner)


def test_a_waived_check_takes_no_answer(season, draft):
    team_check_waive(winner=draft, by=organiser_user())

    with pytest.raises(ValidationError) as error:
        team_check_approve(winner=draft, by=season["member"])

    assert error.value.code == "waived"


def test_pending_corrections_keep_the_check_open_until_decided(season, draft):
    organiser = organiser_user()
    team_check_invite(winner=draft, by=organiser)
    accepted, declined = team_check_propose(
        winner=draft,
        proposals={"idea_title": "Turn UP!", "organisation": "Turn UP AB"},
        by=season["member"],
    )
    draft = Winner.objects.get(pk=draft.pk)
    assert team_check_done(draft) is False

    correction_accept(correction=accepted, by=organiser)
    correction_decline(correction=declined, by=organiser)

    draft = Winner.objects.get(pk=draft.pk)
    assert (draft.idea_title, draft.organisation) == ("Turn UP!", "Flemingsberg Lab")
    assert draft.team_check.status == TeamCheckStatus.CORRECTIONS
    assert team_check_done(draft) is True
    assert list(
        AuditEvent.objects.filter(action__startswith="winner.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "winner.draft_create",
        "winner.team_check_invite",
        "winner.team_check_propose",
        "winner.page_edit",
        "winner.correction_accept",
        "winner.correction_decline",
    ]


def test_a_correction_is_decided_once(season, draft):
    organiser = organiser_user()
    team_check_invite(winner=draft, by=organiser)
    (correction,) = team_check_propose(
        winner=draft, proposals={"idea_title": "Turn UP!"}, by=season["member"]
    )
    correction_decline(correction=correction, by=organiser)

    with pytest.raises(ValidationError):
        correction_accept(correction=correction, by=organiser)

    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.DECLINED


def test_an_accepted_correction_counts_as_the_organisers_text(season, draft):
    """A later decision refreshes untouched fields only: the accepted title stays."""
    organiser = organiser_user()
    team_check_invite(winner=draft, by=organiser)
    (correction,) = team_check_propose(
        winner=draft, proposals={"idea_title": "Turn UP!"}, by=season["member"]
    )
    correction_accept(correction=correction, by=organiser)

    decide(season, season["entries"][0], "runner_up")

    assert Winner.objects.get(pk=draft.pk).idea_title == "Turn UP!"


def test_audit_events_read_in_words(season, draft):
    from audit.describe import audit_event_details, audit_event_label

    team_check_invite(winner=draft, by=organiser_user())
    team_check_propose(
        winner=draft, proposals={"idea_title": "x", "summary_sv": "y"}, by=season["member"]
    )
    events = AuditEvent.objects.filter(
        action__in=["winner.draft_create", "winner.team_check_propose"]
    ).order_by("pk")

    assert [(audit_event_label(e), audit_event_details(e)) for e in events] == [
        ("Draft winner page made from a decision", "Sally Sow, Maja Member (Winner)"),
        ("Team proposed corrections", "idea, summary (Swedish)"),
    ]
