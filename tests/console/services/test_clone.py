"""edition_clone: last year's programme, dates moved on, the jury invited afresh, no entries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from audit.models import AuditEvent
from console.services.clone import edition_clone, years_later
from judging.enums import JuryRole, RoundStatus, Visibility
from judging.models import Criterion, JuryMember, Round
from submissions.models import Entry, Question
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    EntryFactory,
    JuryMemberFactory,
    QuestionFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_years_later_keeps_the_wall_clock_and_survives_29_february():
    assert years_later(dt.datetime(2026, 3, 1, 9, 0, tzinfo=STOCKHOLM), 1) == dt.datetime(
        2027, 3, 1, 9, 0, tzinfo=STOCKHOLM
    )
    assert years_later(dt.datetime(2028, 2, 29, 12, 0, tzinfo=STOCKHOLM), 1) == dt.datetime(
        2029, 2, 28, 12, 0, tzinfo=STOCKHOLM
    )
    assert years_later(None, 1) is None


@pytest.fixture
def source():
    edition = EditionFactory(
        year=2026,
        call_opens_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=STOCKHOLM),
        call_closes_at=dt.datetime(2026, 5, 15, 12, 0, tzinfo=STOCKHOLM),
        results_publish_at=dt.datetime(2026, 11, 14, 18, 0, tzinfo=STOCKHOLM),
    )
    idea = CategoryFactory(
        edition=edition,
        code="IDEA",
        slug="idea",
        name_en="Idea",
        name_sv="Idé",
        eligibility_en="Students",
        call_closes_at=dt.datetime(2026, 5, 20, 12, 0, tzinfo=STOCKHOLM),
        max_entries_per_entrant=2,
    )
    QuestionFactory(category=idea, label_en="Your idea", label_sv="Din idé", position=1)
    QuestionFactory(category=idea, label_en="Team", label_sv="", position=2, kind="long_text")
    round_ = RoundFactory(
        category=idea,
        name_en="Shortlist",
        opens_at=dt.datetime(2026, 5, 21, 9, 0, tzinfo=STOCKHOLM),
        closes_at=dt.datetime(2026, 6, 10, 17, 0, tzinfo=STOCKHOLM),
        visibility=Visibility.NEVER,
        status=RoundStatus.CLOSED,
        closed_at=dt.datetime(2026, 6, 10, 17, 0, tzinfo=STOCKHOLM),
    )
    CriterionFactory(
        round=round_, name_en="Originality", weight=2, descriptors_en="Weak\nFair\nGood"
    )
    JuryMemberFactory(category=idea, user=UserFactory(email="judge@example.org"))
    JuryMemberFactory(category=idea, user=None, email="chair@example.org", role=JuryRole.CHAIR)
    JuryMemberFactory(category=idea, email="gone@example.org", active=False)
    EntryFactory(category=idea)
    return edition


def test_clone_copies_the_programme_with_dates_a_year_on(source):
    by = UserFactory()

    edition = edition_clone(source=source, year=2027, by=by)

    assert (edition.award, edition.year) == (source.award, 2027)
    assert edition.call_opens_at == dt.datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM)
    assert edition.results_publish_at is None
    idea = edition.categories.get()
    assert (idea.code, idea.name_sv, idea.eligibility_en, idea.max_entries_per_entrant) == (
        "IDEA",
        "Idé",
        "Students",
        2,
    )
    assert idea.call_closes_at == dt.datetime(2027, 5, 20, 12, 0, tzinfo=STOCKHOLM)
    assert list(Question.objects.filter(category=idea).values_list("label_en", "label_sv")) == [
        ("Your idea", "Din idé"),
        ("Team", ""),
    ]
    round_ = Round.objects.get(category=idea)
    assert (round_.name_en, round_.visibility, round_.status, round_.closed_at) == (
        "Shortlist",
        Visibility.NEVER,
        RoundStatus.OPEN,
        None,
    )
    assert round_.closes_at == dt.datetime(2027, 6, 10, 17, 0, tzinfo=STOCKHOLM)
    criterion = Criterion.objects.get(round=round_)
    assert (criterion.name_en, criterion.weight, criterion.descriptors_en) == (
        "Originality",
        2,
        "Weak\nFair\nGood",
    )


def test_clone_invites_the_active_jury_afresh_and_copies_no_entries(source):
    edition = edition_clone(source=source, year=2027, by=UserFactory())

    seats = JuryMember.objects.filter(category__edition=edition).order_by("email")
    assert [(s.email, s.role, s.user, s.accepted_at) for s in seats] == [
        ("chair@example.org", JuryRole.CHAIR, None, None),
        ("judge@example.org", JuryRole.JUDGE, None, None),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "judge@example.org"]
    assert Entry.objects.filter(category__edition=edition).count() == 0


def test_clone_is_audited(source):
    by = UserFactory()

    edition = edition_clone(source=source, year=2027, by=by)

    event = AuditEvent.objects.get(action="edition.clone")
    assert (event.actor, event.edition, event.data["from_year"], event.data["invited"]) == (
        by,
        edition,
        2026,
        2,
    )
