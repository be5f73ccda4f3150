from django.urls import path

from public import views
from public.feeds import WinnersFeed

app_name = "public"
urlpatterns = [
    # Fixed paths first: they must not be read as an award's slug.
    path("feed/winners.atom", WinnersFeed(), name="winners-feed"),
    path("photos/<int:pk>/<int:width>.jpg", views.photo, name="photo"),
    path("preview/winners/<int:pk>/", views.winner_preview, name="winner-preview"),
    path("<slug:award_slug>/", views.award_detail, name="award-detail"),
    path("<slug:award_slug>/<int:year>/", views.edition_detail, name="edition-detail"),
    path(
        "<slug:award_slug>/<int:year>/<slug:category_slug>/",
        views.category_detail,
        name="category-detail",
    ),
    path(
        "<slug:award_slug>/<int:year>/<slug:category_slug>/<slug:winner_slug>/",
        views.winner_detail,
        name="winner-detail",
    ),
]
