"""What a page tells search engines and social networks: canonical address, the other language's
address, Open Graph and Twitter card metadata, and schema.org JSON-LD."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import translate_url
from django.utils.text import Truncator

from awards.markdown import markdown_plain
from awards.models import Award, Category, Edition, Winner


def absolute_url(path: str) -> str:
    """The public address of `path`: SITE_URL, never the request's Host header."""
    return settings.SITE_URL + path


@dataclass
class PageMeta:
    title: str
    description: str
    canonical_url: str
    alternates: list[tuple[str, str]]
    image_url: str = ""
    image_alt: str = ""
    og_type: str = "website"
    json_ld: dict = field(default_factory=dict)
    noindex: bool = False


def page_meta(
    request,
    *,
    title: str,
    description: str = "",
    image=None,
    og_type: str = "website",
    json_ld: dict | None = None,
    noindex: bool = False,
) -> PageMeta:
    path = request.path
    return PageMeta(
        title=title,
        description=Truncator(markdown_plain(description)).chars(200),
        canonical_url=absolute_url(path),
        alternates=[
            (code, absolute_url(translate_url(path, code))) for code, _name in settings.LANGUAGES
        ],
        image_url=absolute_url(image.url(1600)) if image is not None and image.widths else "",
        image_alt=image.alt_text if image is not None else "",
        og_type=og_type,
        json_ld=json_ld or {},
        noindex=noindex,
    )


def _award_title(category: Category) -> str:
    edition = category.edition
    return f"{edition.award.name} {category.name} {edition.year}"


def winner_json_ld(winner: Winner) -> dict:
    category = winner.category
    award = category.edition.award
    photos = list(winner.photos.all())
    person = {
        "@type": "Person",
        "name": winner.names,
        "award": f"{_award_title(category)}: {winner.get_placement_display()}",
    }
    if winner.organisation:
        person["affiliation"] = {"@type": "Organization", "name": winner.organisation}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": f"{winner.names}: {winner.idea_title}",
        "url": absolute_url(winner.get_absolute_url()),
        "about": person,
        "description": winner.summary,
        "publisher": {"@type": "Organization", "name": award.organiser or award.name},
    }
    if winner.publish_at:
        data["datePublished"] = winner.publish_at.isoformat()
    if photos and photos[0].widths:
        data["image"] = absolute_url(photos[0].url(1600))
    return data


def award_json_ld(award: Award, winners) -> dict:
    organiser = {"@type": "Organization", "name": award.organiser or award.name}
    if award.website:
        organiser["url"] = award.website
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": award.name,
        "description": award.description,
        "url": absolute_url(award.get_absolute_url()),
        "publisher": organiser,
        "mainEntity": {
            "@type": "ItemList",
            "name": str(award.name),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": index,
                    "url": absolute_url(winner.get_absolute_url()),
                    "item": {
                        "@type": "Person",
                        "name": winner.names,
                        "award": (
                            f"{_award_title(winner.category)}: {winner.get_placement_display()}"
                        ),
                    },
                }
                for index, winner in enumerate(winners, start=1)
            ],
        },
    }


def edition_description(edition: Edition) -> str:
    return edition.award.description
