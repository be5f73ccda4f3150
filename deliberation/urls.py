from django.urls import path

from deliberation import views

app_name = "deliberation"
urlpatterns = [
    path(
        "rounds/<int:round_id>/discussion/",
        views.round_discussions,
        name="round-discussions",
    ),
    path(
        "rounds/<int:round_id>/entries/<int:entry_id>/discussion/",
        views.discussion_detail,
        name="discussion-detail",
    ),
    path("discussion/messages/<int:pk>/edit/", views.message_edit, name="message-edit"),
    path(
        "discussion/messages/<int:pk>/withdraw/",
        views.message_withdraw_view,
        name="message-withdraw",
    ),
]
