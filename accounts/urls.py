from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data/", views.data_overview, name="data"),
    path("privacy/my-data/download/", views.data_export, name="data-export"),
    path("privacy/delete-account/", views.account_delete_view, name="account-delete"),
]
