"""sitemap.xml: public pages in both languages, with hreflang alternates; nothing unpublished."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from awards.models import Award, Category, Edition
from awards.selectors import winners_published


class _SiteURL:
    """Stands in for a Site: the address comes from SITE_URL, as in canonical links."""

    @property
    def domain(self) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(
            page=page, site=_SiteURL(), protocol=urlsplit(settings.SITE_URL).scheme
        )


class HomeSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class AwardSitemap(PublicSitemap):
    def items(self):
        return Award.objects.order_by("pk")


class EditionSitemap(PublicSitemap):
    def items(self):
        return Edition.objects.select_related("award").order_by("pk")


class CategorySitemap(PublicSitemap):
    def items(self):
        return Category.objects.select_related("edition__award").order_by("pk")


class WinnerSitemap(PublicSitemap):
    def items(self):
        return winners_published(now=timezone.now()).prefetch_related(None).order_by("pk")

    def lastmod(self, item):
        return max(item.publish_at, item.updated_at)


SITEMAPS = {
    "home": HomeSitemap,
    "awards": AwardSitemap,
    "editions": EditionSitemap,
    "categories": CategorySitemap,
    "winners": WinnerSitemap,
}
