"""An edition's results made public, now or at a set time, and the entrants' outcome emails."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent
from judging.enums import DecisionOutcome
from judging.jobs import publications_due
from judging.models import Decision
from judging.services.publication import edition_results_publish
from tests.factories import (
    EditionFactory,
    EntryFactory,
    RoundFactory,
    UserFactory,
)
from tests.judging.builders import entry_of

pytestmark = pytest.mark.django_db


def test_results_publish_now_emails_each_team_its_outcome_once(
    organiser, django_capture_on_commit_callbacks
):
    edition = EditionFactory(year=2025)
    final = RoundFactory(category__edition=edition, position=2)
    RoundFactory(category=final.category, position=1)
    winner_entry = entry_of(edition, category=final.category, email="win@example.org")
    mention_entry = entry_of(edition, category=final.category, email="hm@example.org")
    entry_of(edition, category=final.category, email="none@example.org")
    EntryFactory(category=final.category, owner=UserFactory(email="draft@example.org"))
    Decision.objects.create(
        round=final, entry=winner_entry, outcome=DecisionOutcome.WINNER, reason="Best"
    )
    Decision.objects.create(
        round=final, entry=mention_entry, outcome=DecisionOutcome.HONOURABLE_MENTION, reason="Good"
    )

    with django_capture_on_commit_callbacks(execute=True):
        edition_results_publish(edition=edition, at=timezone.now(), by=organiser)
        publications_due()  # a second run sends nothing more

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(bodies) == ["hm@example.org", "none@example.org", "win@example.org"]
    assert "your entry won its category" in bodies["win@example.org"]
    assert "honourable mention" in bodies["hm@example.org"]
    assert "not selected this time" in bodies["none@example.org"]
    assert mail.outbox[0].subject == f"[Laurel] Results of the {edition.award.name_en} 2025"
    edition.refresh_from_db()
    assert edition.results_notified_at is not None
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "edition.results_publish",
        "edition.results_notify",
    }


def test_scheduled_results_email_nobody_before_their_time(
    organiser, django_capture_on_commit_callbacks
):
    edition = EditionFactory()
    entry_of(edition, email="early@example.org")
    at = timezone.now() + dt.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        edition_results_publish(edition=edition, at=at, by=organiser)
        early = publications_due()
        late = publications_due(now=at + dt.timedelta(seconds=1))

    # The command queued the task, but the task checks the clock itself: too early, no email.
    assert (early, late, len(mail.outbox)) == (0, 1, 0)
    edition.refresh_from_db()
    assert (edition.results_are_public(), edition.results_notified_at) == (False, None)
