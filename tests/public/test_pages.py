"""Every public page in both languages, with what it must show and a constant query count."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.enums import Placement
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    QuestionFactory,
    RoundFactory,
    WinnerFactory,
    WinnerPhotoFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [("", "en"), ("/sv", "sv")]


def _h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


@pytest.fixture
def published_edition():
    return EditionFactory(
        year=2024,
        award__slug="flemingsberg-science-award",
        award__name_en="Flemingsberg Science Award",
        award__name_sv="Flemingsbergs vetenskapspris",
        results_publish_at=timezone.now() - dt.timedelta(days=1),
    )


@pytest.fixture
def sally(published_edition):
    category = CategoryFactory(
        edition=published_edition,
        slug="idea",
        name_en="IDEA",
        name_sv="IDÉ",
        prize_en="SEK 50,000",
        prize_sv="50 000 kronor",
    )
    return WinnerFactory(
        category=category,
        slug="sally-sow-turn-up",
        names="Sally Sow",
        organisation="Turn UP",
        idea_title="Turn UP",
        summary_en="A platform for local music events.",
        summary_sv="En plattform för lokala musikevenemang.",
        story_en="## How it began\n\nWith **music**.",
        story_sv="## Hur det började\n\nMed **musik**.",
        citation_en="For bringing people together.",
        citation_sv="För att föra människor samman.",
    )


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_home_page_in_both_languages(client, sally, prefix, language):
    response = client.get(prefix + "/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert list(response.context["latest_winners"]) == [sally]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "Flemingsberg Science Award"), ("/sv", "Flemingsbergs vetenskapspris")],
)
def test_award_page_in_both_languages(client, sally, prefix, expected):
    response = client.get(prefix + "/awards/flemingsberg-science-award/")

    assert response.status_code == 200
    assert _h1(response) == expected
    assert list(response.context["winners"]) == [sally]


@pytest.mark.parametrize(
    ("prefix", "expected", "category"),
    [
        ("", "Flemingsberg Science Award 2024", ">IDEA</a>"),
        ("/sv", "Flemingsbergs vetenskapspris 2024", ">IDÉ</a>"),
    ],
)
def test_edition_page_in_both_languages(client, sally, prefix, expected, category):
    response = client.get(prefix + "/awards/flemingsberg-science-award/2024/")

    assert response.status_code == 200
    assert _h1(response) == expected
    assert category in response.content.decode()


@pytest.mark.parametrize(("prefix", "expected"), [("", "IDEA"), ("/sv", "IDÉ")])
def test_category_page_in_both_languages(client, sally, prefix, expected):
    response = client.get(prefix + "/awards/flemingsberg-science-award/2024/idea/")

    assert response.status_code == 200
    assert _h1(response) == expected


@pytest.mark.parametrize(
    ("prefix", "headline", "story"),
    [
        (
            "",
            "Sally Sow and Turn UP: Winner of the Flemingsberg Science Award IDEA 2024",
            "<h2>How it began</h2>\n<p>With <strong>music</strong>.</p>",
        ),
        ("/sv", None, "<h2>Hur det började</h2>\n<p>Med <strong>musik</strong>.</p>"),
    ],
)
def test_winner_page_in_both_languages(client, sally, prefix, headline, story):
    response = client.get(
        prefix + "/awards/flemingsberg-science-award/2024/idea/sally-sow-turn-up/"
    )

    content = response.content.decode()
    assert response.status_code == 200
    if headline:
        assert _h1(response) == headline
    assert "Sally Sow" in _h1(response)
    assert story in content
    assert ("For bringing people together." in content) == (prefix == "")
    assert ("50 000 kronor" in content) == (prefix == "/sv")


def test_winner_page_shows_photos_with_alt_text_and_responsive_sizes(client, sally):
    photo = WinnerPhotoFactory(winner=sally, alt_text_en="Sally Sow on stage")

    content = client.get(sally.get_absolute_url()).content.decode()

    assert photo.widths == [480, 960, 1200]
    assert 'alt="Sally Sow on stage"' in content
    assert (
        f'srcset="/awards/photos/{photo.pk}/480.jpg 480w, /awards/photos/{photo.pk}/960.jpg 960w, '
        f'/awards/photos/{photo.pk}/1200.jpg 1200w"'
    ) in content
    assert 'width="960" height="640"' in content


def test_winner_page_lists_finalists_of_the_category_and_winners_of_other_years(
    client, sally, published_edition
):
    finalist = WinnerFactory(
        category=sally.category, placement=Placement.FINALIST, names="Finn Finalist"
    )
    mention = WinnerFactory(
        category=sally.category, placement=Placement.HONOURABLE_MENTION, names="Hedda Mention"
    )
    earlier = WinnerFactory(
        category__edition__award=published_edition.award,
        category__edition__year=2023,
        names="Earlier Winner",
    )

    response = client.get(sally.get_absolute_url())

    assert response.context["others"] == [finalist, mention]
    assert response.context["other_years"] == [earlier]
    assert earlier.get_absolute_url() in response.content.decode()


def test_category_page_shows_questions_and_first_round_criteria_but_no_scores(client):
    category = CategoryFactory(description_en="Early ideas", eligibility_en="Students only")
    QuestionFactory(category=category, label_en="Describe your idea", help_text_en="In brief")
    first = RoundFactory(category=category, position=1)
    CriterionFactory(round=first, name_en="Originality", guidance_en="Is it new?", weight=2)
    CriterionFactory(round=RoundFactory(category=category, position=2), name_en="Pitch")

    response = client.get(category.get_absolute_url())

    content = response.content.decode()
    assert [c.name_en for c in response.context["criteria"]] == ["Originality"]
    assert '<th scope="row">Originality</th><td>Is it new?</td><td class="text-end">2</td>' in (
        content
    )
    assert "Pitch" not in content
    assert "Describe your idea" in content
    assert "Students only" in content
    assert response.context["status"] == "open"


def test_category_page_of_a_closed_call_says_closed(client):
    now = timezone.now()
    category = CategoryFactory(
        edition__call_opens_at=now - dt.timedelta(days=9),
        edition__call_closes_at=now - dt.timedelta(days=1),
    )

    response = client.get(category.get_absolute_url())

    assert response.context["status"] == "closed"
    assert "left</p>" not in response.content.decode()


def test_unknown_winner_category_and_edition_are_404(client, sally):
    base = "/awards/flemingsberg-science-award/"

    assert client.get(base + "2019/").status_code == 404
    assert client.get(base + "2024/nope/").status_code == 404
    assert client.get(base + "2024/idea/nobody/").status_code == 404


def _seed(size: int) -> dict:
    """`size` editions of one award, each with a category of `size` winners with a photo, the
    criteria and questions of an open category: everything the pages list."""
    urls = {}
    for year in range(size):
        edition = EditionFactory(
            award__slug=f"big-{size}",
            year=2000 + year,
            results_publish_at=timezone.now() - dt.timedelta(days=1),
        )
        category = CategoryFactory(edition=edition, slug="idea")
        criteria_round = RoundFactory(category=category)
        for index in range(size):
            winner = WinnerFactory(category=category, slug=f"w{index}")
            WinnerPhotoFactory(winner=winner, image__width=120, image__height=80)
            CriterionFactory(round=criteria_round)
            QuestionFactory(category=category)
        urls = {
            "home": "/",
            "award": f"/awards/big-{size}/",
            "edition": edition.get_absolute_url(),
            "category": category.get_absolute_url(),
            "winner": winner.get_absolute_url(),
            "feed": "/awards/feed/winners.atom",
            "sitemap": "/sitemap.xml",
        }
    return urls


def _queries(client, url: str) -> int:
    from django.core.cache import cache

    client.get(url)  # warm Django's own caches (the current Site, translations)
    cache.clear()  # count a full render, not a cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_pages_query_counts_do_not_grow_with_editions_and_winners(client):
    small_urls, large_urls = _seed(2), _seed(5)

    small = {page: _queries(client, url) for page, url in small_urls.items()}
    large = {page: _queries(client, url) for page, url in large_urls.items()}

    assert large == small


@pytest.mark.parametrize(("prefix", "zone"), [("", "Stockholm time"), ("/sv", "svensk tid")])
def test_call_opening_and_deadline_both_say_the_time_zone(client, sally, prefix, zone):
    page = client.get(prefix + "/awards/flemingsberg-science-award/2024/idea/").content.decode()

    rows = re.findall(r"<dd[^>]*><time[^>]*>[^<]*</time>([^<]*)</dd>", page)
    assert [row.strip() for row in rows[:2]] == [zone, zone]
