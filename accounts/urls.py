from django.urls import path

from accounts import outbox_views, views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data/", views.data_overview, name="data"),
    path("privacy/my-data/download/", views.data_export, name="data-export"),
    path("privacy/delete-account/", views.account_delete_view, name="account-delete"),
    path("outbox/", outbox_views.email_list, name="email-list"),
    path("outbox/<int:pk>/retry/", outbox_views.email_retry, name="email-retry"),
]
