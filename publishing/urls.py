from django.urls import path

from publishing.views import publication, team_check, winners

app_name = "publishing"
urlpatterns = [
    path("publication/", winners.edition_list, name="edition-list"),
    path(
        "publication/editions/<int:pk>/",
        publication.edition_publication,
        name="edition-publication",
    ),
    path(
        "publication/editions/<int:pk>/publish/",
        publication.edition_publish_view,
        name="edition-publish",
    ),
    path(
        "publication/editions/<int:pk>/unpublish/",
        publication.edition_unpublish_view,
        name="edition-unpublish",
    ),
    path("publication/editions/<int:pk>/winners/", winners.winner_list, name="winner-list"),
    path(
        "publication/editions/<int:pk>/winners/sync/",
        winners.winner_drafts_sync,
        name="winner-drafts-sync",
    ),
    path("publication/winners/<int:pk>/", winners.winner_edit, name="winner-edit"),
    path("publication/winners/<int:pk>/photos/", winners.photo_add, name="photo-add"),
    path("publication/photos/<int:pk>/remove/", winners.photo_remove, name="photo-remove"),
    path(
        "publication/winners/<int:pk>/team-check/invite/",
        team_check.team_check_invite,
        name="team-check-invite",
    ),
    path(
        "publication/winners/<int:pk>/team-check/waive/",
        team_check.team_check_waive,
        name="team-check-waive",
    ),
    path(
        "publication/corrections/<int:pk>/<str:decision>/",
        team_check.correction_decide,
        name="correction-decide",
    ),
    path("publication/check/<int:pk>/", team_check.team_check, name="team-check"),
]
