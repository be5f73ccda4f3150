"""Nothing is public before its time: winners, stories, photos and results, on every channel."""

import datetime as dt
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from awards.enums import Placement
from awards.models import Winner
from awards.selectors import entry_outcomes, winners_published
from awards.services import edition_results_publish, publications_due, winner_publish
from judging.enums import DecisionOutcome
from judging.models import Decision
from submissions.enums import EntryStatus
from tests.factories import (
    EditionFactory,
    EntryFactory,
    RoundFactory,
    UserFactory,
    WinnerFactory,
    WinnerPhotoFactory,
)

pytestmark = pytest.mark.django_db


def _public_texts(client, winner: Winner) -> dict[str, str]:
    """What every public channel says, in both languages."""
    category = winner.category
    edition = category.edition
    with translation.override("en"):
        urls = [
            "/",
            edition.award.get_absolute_url(),
            edition.get_absolute_url(),
            category.get_absolute_url(),
            reverse("public:winners-feed"),
            "/sitemap.xml",
        ]
    texts = {}
    for prefix in ("", "/sv"):
        for url in urls:
            full = url if url == "/sitemap.xml" else prefix + url
            response = client.get(full)
            assert response.status_code == 200, full
            texts[full] = response.content.decode()
    return texts


def _leaks(client, winner: Winner, secrets: list[str]) -> list[str]:
    return [
        f"{secret} in {url}"
        for url, text in _public_texts(client, winner).items()
        for secret in secrets
        if secret in text
    ]


@pytest.mark.parametrize(
    ("winner_at", "results_at"),
    [
        (None, -1),  # a draft story
        (+1, -1),  # a story under embargo
        (-1, None),  # results not published
        (-1, +1),  # results under embargo
    ],
)
def test_unpublished_winner_leaks_nowhere(client, winner_at, results_at):
    now = timezone.now()
    at = {None: None, -1: now - dt.timedelta(days=1), +1: now + dt.timedelta(days=1)}
    winner = WinnerFactory(
        names="Secret Sow",
        idea_title="Hidden Idea",
        slug="secret-sow",
        publish_at=at[winner_at],
        category__edition__results_publish_at=at[results_at],
    )
    photo = WinnerPhotoFactory(winner=winner)

    assert client.get(winner.get_absolute_url()).status_code == 404
    assert client.get("/sv" + winner.get_absolute_url()).status_code == 404
    assert client.get(photo.url(480)).status_code == 404
    assert _leaks(client, winner, ["Secret Sow", "Hidden Idea", "secret-sow", "photos/"]) == []


def test_published_winner_appears_on_every_channel(client):
    winner = WinnerFactory(names="Public Sow", idea_title="Open Idea", slug="public-sow")
    WinnerPhotoFactory(winner=winner)

    texts = _public_texts(client, winner)

    assert [url for url, text in texts.items() if "public-sow" not in text] == []
    assert client.get(winner.get_absolute_url()).status_code == 200


def test_embargo_lifts_exactly_at_the_scheduled_time():
    at = timezone.now().replace(microsecond=0) + dt.timedelta(days=1)
    winner = WinnerFactory(publish_at=at)

    before = list(winners_published(now=at - dt.timedelta(seconds=1)))
    after = list(winners_published(now=at + dt.timedelta(seconds=1)))

    assert (before, after) == ([], [winner])
    assert winner.is_published(now=at - dt.timedelta(seconds=1)) is False
    assert winner.is_published(now=at + dt.timedelta(seconds=1)) is True


def test_embargoed_page_appears_by_the_clock_alone_even_on_cached_lists(client):
    at = timezone.now() + dt.timedelta(seconds=1)
    winner = WinnerFactory(publish_at=at, names="Punctual Sow")
    award_url = winner.category.edition.award.get_absolute_url()

    before = (client.get(winner.get_absolute_url()).status_code, client.get(award_url))
    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 0.1)
    after = (client.get(winner.get_absolute_url()).status_code, client.get(award_url))

    assert (before[0], "Punctual Sow" in before[1].content.decode()) == (404, False)
    assert (after[0], "Punctual Sow" in after[1].content.decode()) == (200, True)


def test_winner_publish_sets_time_and_writes_audit_event(organiser):
    winner = WinnerFactory(publish_at=None)
    at = timezone.now()

    winner_publish(winner=winner, at=at, by=organiser)

    winner.refresh_from_db()
    assert winner.publish_at == at
    assert list(AuditEvent.objects.values_list("action", "actor")) == [
        ("winner.publish", organiser.pk)
    ]


def test_preview_shows_a_draft_to_organisers_only(client, organiser):
    winner = WinnerFactory(publish_at=None, story_en="A **draft** story")
    url = reverse("public:winner-preview", kwargs={"pk": winner.pk})

    anonymous = client.get(url)
    client.force_login(UserFactory())
    signed_in = client.get(url)
    client.force_login(UserFactory(is_staff=True))
    staff_without_permission = client.get(url)
    client.force_login(organiser)
    preview = client.get(url)

    assert [anonymous.status_code, signed_in.status_code, staff_without_permission.status_code] == [
        404,
        404,
        404,
    ]
    assert preview.status_code == 200
    assert "A <strong>draft</strong> story" in preview.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"


def test_organiser_sees_draft_photo_and_public_does_not(client, organiser):
    photo = WinnerPhotoFactory(winner__publish_at=None)

    assert client.get(photo.url(480)).status_code == 404
    client.force_login(organiser)
    response = client.get(photo.url(480))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"


def test_published_photo_is_public_and_cacheable(client):
    photo = WinnerPhotoFactory()

    response = client.get(photo.url(960))

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # a JPEG
    assert response["Cache-Control"] == "public, max-age=3600"


def test_unknown_photo_width_is_404(client):
    photo = WinnerPhotoFactory()

    assert (
        client.get(reverse("public:photo", kwargs={"pk": photo.pk, "width": 123})).status_code
        == 404
    )


def _entry(edition, *, category=None, email):
    entry = EntryFactory(
        category=category or RoundFactory(category__edition=edition).category,
        owner=UserFactory(email=email),
        status=EntryStatus.SUBMITTED,
        title=f"Idea of {email}",
    )
    return entry


def test_results_publish_now_emails_each_team_its_outcome_once(
    organiser, django_capture_on_commit_callbacks
):
    edition = EditionFactory(year=2025)
    final = RoundFactory(category__edition=edition, position=2)
    RoundFactory(category=final.category, position=1)
    winner_entry = _entry(edition, category=final.category, email="win@example.org")
    mention_entry = _entry(edition, category=final.category, email="hm@example.org")
    _entry(edition, category=final.category, email="none@example.org")
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
    _entry(edition, email="early@example.org")
    at = timezone.now() + dt.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        edition_results_publish(edition=edition, at=at, by=organiser)
        early = publications_due()
        late = publications_due(now=at + dt.timedelta(seconds=1))

    # The command queued the task, but the task checks the clock itself: too early, no email.
    assert (early, late, len(mail.outbox)) == (0, 1, 0)
    edition.refresh_from_db()
    assert (edition.results_are_public(), edition.results_notified_at) == (False, None)


def test_publish_due_command_emails_outcomes_once_results_time_has_passed(
    capsys, django_capture_on_commit_callbacks
):
    edition = EditionFactory(results_publish_at=timezone.now() - dt.timedelta(seconds=1))
    _entry(edition, email="due@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due")

    assert [message.to for message in mail.outbox] == [["due@example.org"]]
    assert capsys.readouterr().out == (
        "1 edition(s) queued for outcome emails.\n0 edition(s) queued for outcome emails.\n"
    )


def test_finalists_and_mentions_are_listed_only_once_published(client):
    winner = WinnerFactory()
    WinnerFactory(
        category=winner.category,
        placement=Placement.FINALIST,
        names="Later Finalist",
        publish_at=None,
    )

    content = client.get(winner.get_absolute_url()).content.decode()

    assert "Later Finalist" not in content


def test_entry_outcomes_are_given_only_once_results_are_public(django_assert_num_queries):
    edition = EditionFactory(results_publish_at=None)
    final = RoundFactory(category__edition=edition, position=1)
    entry = _entry(edition, category=final.category, email="wait@example.org")
    Decision.objects.create(round=final, entry=entry, outcome=DecisionOutcome.RUNNER_UP, reason="-")

    before = entry_outcomes(entries=[entry])
    edition.results_publish_at = timezone.now()
    edition.save()
    entry.category.edition.results_publish_at = edition.results_publish_at
    with django_assert_num_queries(2):
        after = entry_outcomes(entries=[entry])

    assert (before, after) == ({}, {entry.pk: "runner_up"})
