from django.urls import path

from deliberation.views import discussion as views
from deliberation.views import feedback as feedback_views
from deliberation.views import meetings as meeting_views
from deliberation.views import second_looks as second_look_views

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
urlpatterns += [
    path(
        "rounds/<int:round_id>/feedback/",
        feedback_views.feedback_moderation,
        name="feedback-moderation",
    ),
    path(
        "rounds/<int:round_id>/feedback/<int:review_id>/",
        feedback_views.feedback_comment_moderate_view,
        name="feedback-comment-moderate",
    ),
    path(
        "rounds/<int:round_id>/feedback/release/",
        feedback_views.feedback_release_rest,
        name="feedback-release-rest",
    ),
]
urlpatterns += [
    path("rounds/<int:round_id>/meetings/", meeting_views.meeting_start, name="meeting-start"),
    path("meetings/<int:pk>/", meeting_views.meeting_presenter, name="meeting-presenter"),
    path("meetings/<int:pk>/focus/", meeting_views.meeting_focus, name="meeting-focus"),
    path("meetings/<int:pk>/decide/", meeting_views.meeting_decide, name="meeting-decide"),
    path("meetings/<int:pk>/end/", meeting_views.meeting_end, name="meeting-end"),
    path("meetings/<int:pk>/follow/", meeting_views.meeting_follow, name="meeting-follow"),
    path("meetings/<int:pk>/minutes/", meeting_views.meeting_minutes_view, name="meeting-minutes"),
]
urlpatterns += [
    path("rounds/<int:round_id>/second-look/", second_look_views.second_look, name="second-look"),
]
