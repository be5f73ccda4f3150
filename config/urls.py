from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.languages import language_switch
from accounts.views import admin_login
from config.health import healthz
from public import views as public_views
from public.cache import public_page
from public.sitemaps import SITEMAPS

admin.site.site_header = admin.site.site_title = _("Laurel administration")
# One sign-in for everyone: the admin's own form would skip the rate limits and the second factor.
admin.site.login = admin_login


def _admin_for_superusers(request) -> bool:
    """The admin is a back office for superusers; organisers use the console (/organise/)."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _admin_for_superusers

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/setlang/", language_switch, name="set_language"),
    # Lists both languages' pages itself (hreflang alternates), so it lives outside i18n_patterns.
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]

# English pages live at /..., Swedish at /sv/...: each language has its own cacheable URL.
urlpatterns += i18n_patterns(
    path("", public_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("awards/", include("public.urls")),
    path("entries/", include("submissions.urls")),
    path("jury/", include("judging.urls")),
    path("organise/", include("publishing.urls")),
    path("jury/", include("deliberation.urls")),
    path("organise/", include("console.urls")),
    path("finals/", include("finals.urls")),
    # Organisers configure awards in their language too: /admin/ in English, /sv/admin/ in Swedish.
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# An outage (database, cache, storage) answers 503 explaining itself; other errors the 500 page.
handler500 = "config.outage.server_error"
