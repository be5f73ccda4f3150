from django.urls import path

from console.views import dashboard, organisers

app_name = "console"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("awards/<int:award_pk>/organisers/", organisers.organiser_list, name="organiser-list"),
    path("organisers/<int:pk>/remove/", organisers.organiser_remove, name="organiser-remove"),
]
