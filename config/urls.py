from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from awards import views as award_views
from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# English pages live at /..., Swedish at /sv/...: each language has its own cacheable URL.
urlpatterns += i18n_patterns(
    path("", award_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("awards/", include("awards.urls")),
    path("entries/", include("submissions.urls")),
    path("jury/", include("judging.urls")),
    prefix_default_language=False,
)
