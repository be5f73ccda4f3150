from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from awards.selectors import winners_published
from public.cache import public_page
from public.seo import absolute_url

FEED_SIZE = 50


class WinnersFeed(Feed):
    """Published winners, newest first, in the language of the feed's address (/sv/ or not)."""

    feed_type = Atom1Feed
    title = _("Award winners")
    subtitle = _("Winners, runners-up and honourable mentions as they are published.")

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    # Absolute addresses from SITE_URL, not from the sites framework or the Host header.
    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("public:winners-feed"))

    def items(self):
        return list(
            winners_published(now=timezone.now())
            .prefetch_related(None)
            .order_by("-publish_at", "pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        category = item.category
        return (
            f"{item.names}: {item.idea_title} · {item.get_placement_display()}, "
            f"{category.edition.award.name} {category.name} {category.edition.year}"
        )

    def item_description(self, item):
        # Atom marks the summary type="html", so readers render it as HTML: the summary is plain
        # text typed by an organiser, and must reach the reader as text, not markup.
        return escape(item.summary or item.citation)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.publish_at, item.updated_at)
