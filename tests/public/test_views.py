import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import CategoryFactory, EditionFactory, WinnerFactory

pytestmark = pytest.mark.django_db


def test_home_lists_open_calls_with_deadline_in_stockholm_time(client):
    closes = dt.datetime(2030, 3, 1, 11, 0, tzinfo=dt.UTC)  # 12:00 in Stockholm (CET)
    category = CategoryFactory(name_en="IDEA", edition__call_closes_at=closes)

    response = client.get(reverse("home"))

    assert list(response.context["open_categories"]) == [category]
    assert "1 March 2030, 12:00" in response.content.decode()


def test_home_leaves_out_closed_and_upcoming_calls(client):
    now = timezone.now()
    CategoryFactory(
        edition__call_opens_at=now - dt.timedelta(days=9),
        edition__call_closes_at=now - dt.timedelta(days=1),
    )
    CategoryFactory(
        edition__call_opens_at=now + dt.timedelta(days=1),
        edition__call_closes_at=now + dt.timedelta(days=9),
    )
    category_override_closed = CategoryFactory(call_closes_at=now - dt.timedelta(minutes=1))

    response = client.get(reverse("home"))

    assert list(response.context["open_categories"]) == []
    assert category_override_closed.call_status() == "closed"


@pytest.mark.parametrize(("prefix", "expected"), [("", "IDEA"), ("/sv", "IDÉ")])
def test_category_page_in_both_languages(client, prefix, expected):
    category = CategoryFactory(name_en="IDEA", name_sv="IDÉ", description_en="Early ideas")

    response = client.get(prefix + category.get_absolute_url())

    assert response.status_code == 200
    assert f"<h1>{expected}</h1>" in response.content.decode()


def test_swedish_page_falls_back_to_english_text_when_swedish_is_empty(client):
    category = CategoryFactory(description_en="Only in English", description_sv="")

    response = client.get("/sv" + category.get_absolute_url())

    assert "Only in English" in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()


def test_published_winner_page_shows_citation(client):
    winner = WinnerFactory(names="Sally Sow", idea_title="Turn UP", citation_en="For music.")

    response = client.get(winner.get_absolute_url())

    assert response.status_code == 200
    assert "For music." in response.content.decode()


@pytest.mark.parametrize(("organisation", "lead"), [("", None), ("KI", "Sally Sow · KI")])
def test_winner_page_names_the_winners_once_and_the_organisation_when_there_is_one(
    client, organisation, lead
):
    winner = WinnerFactory(names="Sally Sow", idea_title="Turn UP", organisation=organisation)

    page = client.get(winner.get_absolute_url()).content.decode()

    main = page[page.index("<main") : page.index("</main>")]
    leads = re.findall(r'<p class="lead">([^<]*)</p>', main)
    # The heading names them already; a lead of the names alone would say it twice.
    assert leads == ([lead] if lead else [])


@pytest.mark.parametrize("publish_at", [None, timezone.now() + dt.timedelta(days=1)])
def test_unpublished_winner_is_404_and_absent_from_lists(client, publish_at):
    winner = WinnerFactory(publish_at=publish_at, names="Secret Winner")
    award = winner.category.edition.award

    assert client.get(winner.get_absolute_url()).status_code == 404
    assert "Secret Winner" not in client.get(reverse("home")).content.decode()
    assert "Secret Winner" not in client.get(award.get_absolute_url()).content.decode()
    assert "Secret Winner" not in client.get(winner.category.get_absolute_url()).content.decode()


def test_award_page_lists_editions_and_winners_by_year(client):
    edition = EditionFactory(year=2024, results_publish_at=timezone.now() - dt.timedelta(days=1))
    WinnerFactory(category__edition=edition, names="Sally Sow", idea_title="Turn UP")

    response = client.get(edition.award.get_absolute_url())

    assert response.status_code == 200
    assert "Sally Sow: Turn UP" in response.content.decode()


def test_unknown_award_is_404(client):
    assert client.get(reverse("public:award-detail", args=["nope"])).status_code == 404


def test_language_switcher_redirects_to_the_swedish_page(client):
    category = CategoryFactory()
    url = category.get_absolute_url()

    response = client.post(reverse("set_language"), {"language": "sv", "next": url})

    assert response.status_code == 302
    assert response.url == "/sv" + url
    with translation.override("sv"):
        assert client.get(response.url).status_code == 200
