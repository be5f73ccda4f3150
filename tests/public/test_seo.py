"""Sharing and discovery: meta tags, canonical links, JSON-LD, sitemap and feed."""

import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import CategoryFactory, WinnerFactory, WinnerPhotoFactory

pytestmark = pytest.mark.django_db

SITE = "https://award.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _json_ld(content: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(block.group(1))


def test_winner_page_has_open_graph_twitter_and_canonical_metadata(client):
    winner = WinnerFactory(names="Sally Sow", idea_title="Turn UP", summary_en="Music for all.")
    photo = WinnerPhotoFactory(winner=winner, alt_text_en="Sally on stage")
    url = winner.get_absolute_url()

    content = client.get(url).content.decode()

    for tag in [
        f'<link rel="canonical" href="{SITE}{url}">',
        f'<link rel="alternate" hreflang="sv" href="{SITE}/sv{url}">',
        f'<link rel="alternate" hreflang="en" href="{SITE}{url}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Sally Sow: Turn UP">',
        '<meta property="og:description" content="Music for all.">',
        f'<meta property="og:url" content="{SITE}{url}">',
        f'<meta property="og:image" content="{SITE}/awards/photos/{photo.pk}/1200.jpg">',
        '<meta property="og:image:alt" content="Sally on stage">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<meta name="description" content="Music for all.">',
    ]:
        assert tag in content, tag


def test_swedish_page_is_its_own_canonical_address(client):
    category = CategoryFactory()
    url = category.get_absolute_url()

    content = client.get("/sv" + url).content.decode()

    assert f'<link rel="canonical" href="{SITE}/sv{url}">' in content
    assert '<meta property="og:locale" content="sv_SE">' in content


def test_winner_json_ld_describes_the_winner_and_award(client):
    winner = WinnerFactory(
        names="Sally Sow",
        organisation="Turn UP",
        idea_title="Turn UP",
        category__name_en="IDEA",
        category__edition__year=2024,
        category__edition__award__name_en="Flemingsberg Science Award",
    )

    data = _json_ld(client.get(winner.get_absolute_url()).content.decode())

    assert data["@type"] == "Article"
    assert data["about"] == {
        "@type": "Person",
        "name": "Sally Sow",
        "award": "Flemingsberg Science Award IDEA 2024: Winner",
        "affiliation": {"@type": "Organization", "name": "Turn UP"},
    }
    assert data["url"] == SITE + winner.get_absolute_url()


def test_award_json_ld_lists_published_winners_only(client):
    winner = WinnerFactory(names="Public Sow")
    WinnerFactory(category=winner.category, names="Draft Sow", publish_at=None)

    content = client.get(winner.category.edition.award.get_absolute_url()).content.decode()

    items = _json_ld(content)["mainEntity"]["itemListElement"]
    assert [item["item"]["name"] for item in items] == ["Public Sow"]


def test_json_ld_filter_keeps_script_closing_tags_inert():
    template = Template("{% load awards_tags %}{{ data|jsonld }}")

    html = template.render(Context({"data": {"name": "</script><script>alert(1)</script>&"}}))

    assert html == (
        '<script type="application/ld+json">{"name": "\\u003C/script\\u003E\\u003Cscript'
        '\\u003Ealert(1)\\u003C/script\\u003E\\u0026"}</script>'
    )
    assert json.loads(html.split(">", 1)[1].rsplit("<", 1)[0]) == {
        "name": "</script><script>alert(1)</script>&"
    }


def test_sitemap_lists_both_languages_of_published_pages_only(client):
    winner = WinnerFactory(slug="public-sow")
    draft = WinnerFactory(category=winner.category, slug="draft-sow", publish_at=None)
    url = winner.get_absolute_url()

    response = client.get("/sitemap.xml")

    content = response.content.decode()
    assert response.status_code == 200
    assert f"<loc>{SITE}{url}</loc>" in content
    assert f"<loc>{SITE}/sv{url}</loc>" in content
    assert f'hreflang="sv" href="{SITE}/sv{url}"' in content
    assert draft.slug not in content


def test_atom_feed_lists_published_winners_with_absolute_links(client):
    winner = WinnerFactory(names="Sally Sow", idea_title="Turn UP", summary_en="Music.")
    WinnerFactory(names="Draft Sow", publish_at=None)

    response = client.get(reverse("public:winners-feed"))

    content = response.content.decode()
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert f'<link href="{SITE}{winner.get_absolute_url()}" rel="alternate"/>' in content
    assert "Sally Sow: Turn UP" in content
    assert "Draft Sow" not in content


def test_swedish_feed_speaks_swedish(client):
    WinnerFactory(summary_en="In English.", summary_sv="På svenska.")

    content = client.get("/sv" + reverse("public:winners-feed")).content.decode()

    assert "På svenska." in content
