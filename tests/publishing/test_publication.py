import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from audit.models import AuditEvent
from judging.enums import RoundStatus
from judging.services.outcomes import edition_results_notify
from publishing.selectors import edition_checklist
from publishing.services.publication import edition_publish, edition_unpublish
from tests.factories import CategoryFactory, RoundFactory
from tests.publishing.builders import judged_season, organiser_user, ready_to_publish

pytestmark = pytest.mark.django_db
CLOSES = timezone.now() + dt.timedelta(days=5)


@pytest.fixture
def season():
    return judged_season()


@pytest.fixture
def organiser():
    return organiser_user()


def test_checklist_names_every_problem(season):
    RoundFactory(category=_open_category(season))

    items = edition_checklist(edition=season["edition"])

    assert [(item.ok, item.problems) for item in items] == [
        (False, [f"The call of STUDENT is open until {_closes(season)}."]),
        (
            False,
            [
                "The round Screening of STUDENT is open.",
                "The final round Final of IDEA has no decisions.",
            ],
        ),
        (False, ["There are no winner pages yet."]),
        (True, []),
    ]


def _open_category(season):
    return CategoryFactory(
        edition=season["edition"], name_en="STUDENT", call_closes_at=CLOSES, code="STU"
    )


def _closes(season):
    return date_format(timezone.localtime(CLOSES), "j F Y, H:i") + " (Stockholm time)"


def test_checklist_lists_what_a_page_lacks_and_the_teams_check(season):
    from tests.publishing.builders import decide

    decide(season, season["entries"][0])

    pages, checks = edition_checklist(edition=season["edition"])[2:]

    assert pages.problems == [
        "Sally Sow, Maja Member lacks: summary in Swedish, jury citation in English, jury citation "
        "in Swedish, story in English, story in Swedish."
    ]
    assert checks.problems == ["Sally Sow, Maja Member: the team's check is not done."]


def test_edition_publish_publishes_results_and_pages_together(
    season, organiser, django_capture_on_commit_callbacks
):
    winner = ready_to_publish(season)

    with django_capture_on_commit_callbacks(execute=True):
        edition_publish(edition=season["edition"], by=organiser)

    winner.refresh_from_db()
    edition = season["edition"]
    edition.refresh_from_db()
    assert winner.is_published() is True
    assert edition.results_publish_at == winner.publish_at
    assert edition.results_notified_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [e.owner.email for e in season["entries"]] + [season["member"].email]
    )
    assert AuditEvent.objects.filter(action="edition.publish").count() == 1


def test_edition_publish_is_refused_while_a_call_is_open(season, organiser):
    ready_to_publish(season)
    _open_category(season)

    with pytest.raises(ValidationError) as error:
        edition_publish(edition=season["edition"], by=organiser)

    assert error.value.messages == [f"The call of STUDENT is open until {_closes(season)}."]
    season["edition"].refresh_from_db()
    assert season["edition"].results_publish_at is None


def test_edition_publish_is_refused_while_a_round_is_open(season, organiser):
    ready_to_publish(season)
    season["round"].status = RoundStatus.OPEN
    season["round"].save()

    with pytest.raises(ValidationError) as error:
        edition_publish(edition=season["edition"], by=organiser)

    assert error.value.messages == ["The round Final of IDEA is open."]


def test_publishing_unpublishing_and_publishing_again_emails_once(
    season, organiser, django_capture_on_commit_callbacks
):
    ready_to_publish(season)
    edition = season["edition"]

    with django_capture_on_commit_callbacks(execute=True):
        edition_publish(edition=edition, by=organiser)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        edition_unpublish(edition=edition, by=organiser)
        edition_publish(edition=edition, by=organiser)
    edition.refresh_from_db()

    assert (sent, len(mail.outbox)) == (4, 4)
    assert edition_results_notify(edition=edition) == 0
    assert edition.results_are_public() is True


def test_embargo_publishes_later_and_emails_then(
    season, organiser, django_capture_on_commit_callbacks
):
    winner = ready_to_publish(season)
    edition = season["edition"]
    later = timezone.now() + dt.timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        edition_publish(edition=edition, at=later, by=organiser)
    winner.refresh_from_db()

    assert (winner.is_published(), len(mail.outbox)) == (False, 0)
    assert edition_results_notify(edition=edition, now=later + dt.timedelta(minutes=1)) == 3


def test_edition_unpublish_takes_pages_back_to_drafts(
    season, organiser, django_capture_on_commit_callbacks
):
    winner = ready_to_publish(season)
    with django_capture_on_commit_callbacks(execute=True):
        edition_publish(edition=season["edition"], by=organiser)

    edition_unpublish(edition=season["edition"], by=organiser)

    winner.refresh_from_db()
    season["edition"].refresh_from_db()
    assert (winner.publish_at, season["edition"].results_publish_at) == (None, None)
    assert AuditEvent.objects.filter(action="edition.unpublish").count() == 1
