"""Nothing is public before its time: winners, stories, photos and results, on every channel."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from awards.enums import Placement
from awards.models import Winner
from awards.selectors import winners_published
from awards.services import winner_publish
from tests.factories import (
    AwardOrganiserFactory,
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
    AwardOrganiserFactory(award=winner.category.edition.award, user=organiser)
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
    AwardOrganiserFactory(award=photo.winner.category.edition.award, user=organiser)

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


def test_preview_is_404_for_an_organiser_of_another_award(client, organiser):
    winner = WinnerFactory(publish_at=None)
    AwardOrganiserFactory(user=organiser)
    client.force_login(organiser)

    response = client.get(reverse("public:winner-preview", kwargs={"pk": winner.pk}))

    assert response.status_code == 404
