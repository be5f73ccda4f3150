from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
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
